async () => {
  const path = "/orgs/acme/repos/api-gateway/pulls";
  const get = (page) => api.request({ method: "GET", path, query: { per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const lastPage = last > 1 ? await get(String(last)) : first;
  const total = (last - 1) * 100 + lastPage.body.length;
  return `api-gateway has had ${total} pull requests.`;
}
