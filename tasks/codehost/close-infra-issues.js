async () => {
  const res = await Promise.all([12, 18, 19, 23, 99].map((n) => api.request({
    method: "PATCH", path: `/orgs/acme/repos/infra/issues/${n}`, body: { state: "closed", state_reason: "completed" },
  }).then((r) => [n, r.status])));
  const ok = res.filter(([, s]) => s < 300).map(([n]) => `#${n}`);
  const missing = res.filter(([, s]) => s === 404).map(([n]) => `#${n}`);
  return `Closed ${ok.join(", ")}. ${missing.join(", ")} does not exist in infra (404), so there was nothing to close.`;
}
