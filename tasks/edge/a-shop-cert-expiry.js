async () => {
  const zones = (await api.request({ method: "GET", path: "/zones", query: { name: "example.com" } })).body.result;
  const certs = (await api.request({
    method: "GET", path: `/zones/${zones[0].id}/custom_certificates`, query: { per_page: 50 },
  })).body.result;
  const c = certs.find((x) => x.hosts.includes("shop.example.com"));
  return `The certificate for shop.example.com was issued by ${c.issuer} and expires on ${c.expires_on.slice(0, 10)} (status: ${c.status}).`;
}
