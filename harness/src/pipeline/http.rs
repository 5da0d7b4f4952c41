//! Sending a json-tools call to the episode's API, with the same argument mapping the
//! sandbox's typed functions use (`sandbox::host::typed_request`).

use crate::sandbox::host::{TypedOp, typed_request, url_of};
use serde_json::Value;
use std::time::{Duration, Instant};

/// What the API answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body as JSON (a string when it was not JSON, `Null` when empty).
    pub body: Value,
    /// Bytes sent.
    pub bytes_out: usize,
    /// Bytes received.
    pub bytes_in: usize,
    /// Wall time of the request.
    pub elapsed: Duration,
    /// The `Retry-After` header in seconds, when the API sent one (429s).
    pub retry_after: Option<u64>,
}

/// Builds and sends the request of tool `name` with `arguments`; `Err` is a message for the
/// model when the arguments do not fit the operation (no request is sent then).
pub async fn call(
    http: &reqwest::Client,
    base_url: &str,
    name: &str,
    op: &TypedOp,
    arguments: &Value,
) -> Result<Result<Answer, String>, String> {
    let req = typed_request(name, op, arguments).map_err(|m| m.replacen(&format!("api.{name}"), name, 1))?;
    let url = url_of(base_url, &req);
    let method =
        reqwest::Method::from_bytes(req.method.as_bytes()).map_err(|_| format!("bad method {}", req.method))?;
    let mut rb = http.request(method, &url);
    for (k, v) in &req.headers {
        rb = rb.header(k.as_str(), v.as_str());
    }
    let body = req.body.as_ref().map(Value::to_string).unwrap_or_default();
    if req.body.is_some() {
        rb = rb.header("content-type", "application/json").body(body.clone());
    }
    let started = Instant::now();
    let resp = match rb.send().await {
        Ok(r) => r,
        Err(e) => return Ok(Err(format!("request failed: {e}"))),
    };
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let text = match resp.text().await {
        Ok(t) => t,
        Err(e) => return Ok(Err(format!("reading the response failed: {e}"))),
    };
    let parsed = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.clone()))
    };
    Ok(Ok(Answer {
        status,
        body: parsed,
        bytes_out: body.len(),
        bytes_in: text.len(),
        elapsed: started.elapsed(),
        retry_after,
    }))
}
