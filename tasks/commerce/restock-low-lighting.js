async () => {
  const lamps = (await api.request({ method: "GET", path: "/products", query: { category: "lighting", limit: 100 } })).body.data;
  const low = lamps.filter(p => p.inventory < 5);
  await Promise.all(low.map(p =>
    api.request({ method: "PATCH", path: `/products/${p.id}`, body: { inventory: 50 } })));
  return `Restocked to 50: ${low.map(p => `${p.name} (was ${p.inventory})`).join(", ")}.`;
}
