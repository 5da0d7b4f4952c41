async () => {
  const codes = ["HOLIDAY22", "SPRING24", "FALL23", "BFCM2023", "EASTER23"];
  const res = await Promise.all(codes.map(code => api.request({ method: "DELETE", path: `/coupons/${code}` })));
  const missing = codes.filter((_, i) => res[i].status === 404);
  const deleted = codes.filter((_, i) => res[i].status < 300);
  return `Deleted ${deleted.join(", ")}. Not found (already gone): ${missing.join(", ")}.`;
}
