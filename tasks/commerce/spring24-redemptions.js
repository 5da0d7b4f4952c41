async () => {
  const c = (await api.request({ method: "GET", path: "/coupons/SPRING24" })).body;
  return `SPRING24 was redeemed ${c.times_redeemed} times; it is ${c.valid ? "still valid" : "no longer valid"} (redeem by ${c.redeem_by}).`;
}
