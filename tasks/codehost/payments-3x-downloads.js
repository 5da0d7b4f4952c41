async () => {
  const path = "/orgs/acme/repos/payments-service/releases";
  const releases = (await api.request({ method: "GET", path, query: { draft: false, prerelease: false, per_page: 100 } })).body
    .filter((r) => r.tag_name.startsWith("v3."));
  const assets = await Promise.all(releases.map((r) => api.request({ method: "GET", path: `${path}/${r.id}/assets` }).then((x) => x.body)));
  const total = assets.flat().reduce((s, a) => s + a.download_count, 0);
  return `The ${releases.length} published 3.x releases of payments-service have ${total} downloads in total.`;
}
