async () => {
  const releases = (await api.request({ method: "GET", path: "/orgs/acme/repos/payments-service/releases", query: { per_page: 100 } })).body;
  const r = releases.filter((x) => !x.draft && !x.prerelease).sort((a, b) => b.published_at.localeCompare(a.published_at))[0];
  return `The latest published release of payments-service is ${r.tag_name}, published on ${r.published_at.slice(0, 10)} by ${r.author}.`;
}
