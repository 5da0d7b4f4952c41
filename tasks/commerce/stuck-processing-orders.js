async () => {
  const all = async (path, query = {}) => {
    const out = [];
    for (let after; ; ) {
      const { body } = await api.request({ method: "GET", path, query: { ...query, limit: 100, ...(after && { starting_after: after }) } });
      out.push(...body.data);
      if (!body.has_more) return out;
      after = body.data[body.data.length - 1].id;
    }
  };
  const cutoff = Date.parse("2026-11-10T12:00:00Z"); // ten days before now (2026-11-20T12:00:00Z)
  const stuck = (await all("/orders", { status: "processing" })).filter(o => Date.parse(o.created) < cutoff);
  return `${stuck.length} orders: ` + stuck.map(o => `${o.number} (placed ${o.created.slice(0, 10)})`).join(", ");
}
