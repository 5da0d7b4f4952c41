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
  const products = await all("/products");
  const category = Object.fromEntries(products.map(p => [p.id, p.category]));
  const units = {};
  for (let after; ; ) {
    const { body } = await api.request({ method: "GET", path: "/orders", query: { limit: 100, ...(after && { starting_after: after }) } });
    for (const o of body.data) {
      if (o.created >= "2026-07" && o.created < "2026-10" && !["canceled", "returned"].includes(o.status)) {
        units[category[o.product]] = (units[category[o.product]] || 0) + o.quantity;
      }
    }
    if (!body.has_more || body.data[body.data.length - 1].created < "2026-07") break;
    after = body.data[body.data.length - 1].id;
  }
  const ranked = Object.entries(units).sort((a, b) => b[1] - a[1]);
  return `${ranked[0][0]} sold the most units in Q3 2026: ${ranked[0][1]} (next: ${ranked[1][0]} with ${ranked[1][1]}).`;
}
