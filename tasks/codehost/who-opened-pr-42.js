async () => {
  const pr = (await api.request({ method: "GET", path: "/orgs/acme/repos/api-gateway/pulls/42" })).body;
  return `PR #42 "${pr.title}" was opened by ${pr.user} (${pr.head} into ${pr.base}); ` +
    (pr.merged ? `it was merged on ${pr.merged_at.slice(0, 10)}.` : `it is ${pr.state} and not merged.`);
}
