async () => {
  const p = (await api.request({ method: "GET", path: "/orgs/acme/repos/payments-service/branches/main/protection" })).body;
  return `main on payments-service needs ${p.required_approving_review_count} approving review(s)` +
    `${p.require_code_owner_reviews ? " including a code owner" : ""}, and these checks must pass: ${p.required_status_checks.join(", ")}.`;
}
