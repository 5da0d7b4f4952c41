async () => {
  const terms = { percent_off: 30, duration: "once", max_redemptions: 500, redeem_by: "2026-11-30T23:59:59Z" };
  const created = await api.request({ method: "POST", path: "/coupons", body: { id: "BLACKFRIDAY", name: "Black Friday", ...terms } });
  if (created.status === 409) {
    const old = (await api.request({ method: "GET", path: "/coupons/BLACKFRIDAY" })).body;
    await api.request({ method: "PATCH", path: "/coupons/BLACKFRIDAY", body: terms });
    return `BLACKFRIDAY already existed (${old.percent_off}% off, ${old.max_redemptions} redemptions, until ${old.redeem_by}); updated it to 30% off once, 500 redemptions, until 2026-11-30T23:59:59Z.`;
  }
  return "Created BLACKFRIDAY.";
}
