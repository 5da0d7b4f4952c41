async () => {
  const names = ["feature/csv-export", "feature/onboarding-tour", "fix/login-redirect", "chore/bump-eslint", "feature/old-checkout", "fix/safari-scroll"];
  const res = await Promise.all(names.map((n) => api.request({
    method: "DELETE", path: `/orgs/acme/repos/web-app/branches/${encodeURIComponent(n)}`,
  }).then((r) => [n, r.status])));
  const gone = res.filter(([, s]) => s === 404).map(([n]) => n);
  const deleted = res.filter(([, s]) => s < 300).map(([n]) => n);
  return `Deleted ${deleted.join(", ")}. Already gone (404): ${gone.join(", ")}.`;
}
