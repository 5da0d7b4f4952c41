async () => {
  const batch = [["A-12987", "1Z8V470E00391275"], ["A-12986", "1Z8V431E01391235"], ["A-12983", "1Z8V492E02391295"], ["A-12979", "1Z8V413E03391215"], ["A-12977", "1Z8V454E04391255"]];
  await Promise.all(batch.map(async ([number, tracking]) => {
    const o = (await api.request({ method: "GET", path: "/orders", query: { number } })).body.data[0];
    await api.request({ method: "PATCH", path: `/orders/${o.id}`, body: { status: "shipped", carrier: "ups", tracking_number: tracking, shipped_at: "2026-11-20T12:00:00Z" } });
  }));
  return null;
}
