async () => {
  const create = code => api.request({ method: "POST", path: "/promotion_codes", body: { code, coupon: "VIP15", max_redemptions: 100, active: true } });
  let r = await create("HOLIDAYSEASON2026VIPONLY");
  if (r.status >= 400) r = await create("HOLIDAY26VIP");
  return `Customers should use ${r.body.code} (VIP15, up to 100 redemptions).`;
}
