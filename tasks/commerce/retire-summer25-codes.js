async () => {
  const codes = (await api.request({ method: "GET", path: "/promotion_codes", query: { coupon: "SUMMER25", active: true, limit: 100 } })).body.data;
  await Promise.all(codes.map(p => api.request({ method: "PATCH", path: `/promotion_codes/${p.id}`, body: { active: false } })));
  return `Turned off ${codes.length} SUMMER25 codes: ${codes.map(p => p.code).join(", ")}.`;
}
