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
  const orders = await all("/orders", { shipping_country: "IE" });
  return `${orders.length} orders were placed with an Irish (IE) shipping address.`;
}
