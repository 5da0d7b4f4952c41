async () => {
  const { body } = await api.request({ method: "GET", path: "/orders", query: { number: "A-12955" } });
  const o = body.data[0];
  return `Order ${o.number} is ${o.status}` + (o.tracking_number ? `: ${o.carrier} tracking number ${o.tracking_number}.` : " and has no tracking number yet.");
}
