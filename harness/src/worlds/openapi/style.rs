//! The wire style of generated specs: response bodies (Cloudflare's envelope or bare, with
//! page, offset or cursor list shapes) and the shared envelope and error components.

use super::*;

pub(super) fn envelope(result: Value, list: bool) -> Value {
    let mut props = json!({"result": result});
    if list {
        props["result_info"] = schema_ref("ResultInfo");
    }
    json!({"allOf": [schema_ref("ApiResponse"), {"type": "object", "properties": props}]})
}

/// The success and error responses of an operation in `style`; `list` marks a list of `result` arrays.
pub(super) fn responses(style: &Style, result: Value, list: bool, description: &str) -> Value {
    let error = match style.errors() {
        ErrorStyle::Cloudflare => json!({"description": "The request failed; `errors` says why.",
            "content": {"application/json": {"schema": schema_ref("ApiError")}}}),
        ErrorStyle::Message => json!({"description": "The request failed; `message` says why.",
            "content": {"application/json": {"schema": schema_ref("Error")}}}),
        ErrorStyle::Stripe => json!({"description": "The request failed; `error.message` says why.",
            "content": {"application/json": {"schema": schema_ref("error")}}}),
    };
    let ok = match style.envelope {
        EnvelopeStyle::Cloudflare => {
            json!({"description": description, "content": {"application/json": {"schema": envelope(result, list)}}})
        }
        EnvelopeStyle::Bare if list => bare_list(style.paging, result, description),
        EnvelopeStyle::Bare => json!({"description": description, "content": {"application/json": {"schema": result}}}),
    };
    json!({"200": ok, "4XX": error})
}

/// The success response of a list with a bare body; `items` is the array schema.
pub(super) fn bare_list(paging: PagingStyle, items: Value, description: &str) -> Value {
    let int = |d: &str| json!({"type": "integer", "minimum": 0, "description": d});
    match paging {
        PagingStyle::Page => json!({"description": description,
            "headers": {"Link": {"description": "URLs of the next and last pages (`rel=\"next\"`, `rel=\"last\"`); absent on the last page.",
                "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": items}}}),
        PagingStyle::Offset => json!({"description": description, "content": {"application/json": {"schema": {
        "type": "object", "description": "One page of results.", "required": ["items", "total", "offset", "limit"],
        "properties": {
            "items": items,
            "total": int("Items across all pages."),
            "offset": int("Position of the first item of this page (0-based)."),
            "limit": int("Largest number of items this page could hold.")
        }}}}}),
        PagingStyle::Cursor => json!({"description": description, "content": {"application/json": {"schema": {
        "type": "object", "description": "One page of results.", "required": ["object", "data", "has_more", "url"],
        "properties": {
            "object": {"type": "string", "const": "list", "description": "Always `list`."},
            "data": items,
            "has_more": {"type": "boolean", "description": "Whether more items follow the last one of this page."},
            "url": {"type": "string", "description": "The path this list was read from."}
        }}}}}),
    }
}

/// A components map holding one error schema.
pub(super) fn error_component(name: &str, schema: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(name.to_string(), schema);
    m
}

/// `ApiResponse`, `ApiError`, `ResponseMessage` and `ResultInfo` (with the fields of `paging`).
pub fn envelope_components(paging: PagingStyle) -> Map<String, Value> {
    let v = json!({
        "ResponseMessage": {"type": "object", "description": "An error or informational message.", "required": ["code", "message"], "properties": {
            "code": {"type": "integer", "minimum": 1000, "description": "Numeric message code."},
            "message": {"type": "string", "description": "Human-readable text."}
        }},
        "ApiResponse": {"type": "object", "description": "Envelope of every successful response.", "required": ["success", "errors", "messages", "result"], "properties": {
            "success": {"type": "boolean", "enum": [true], "description": "Whether the call succeeded."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Always empty on success."},
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Informational messages."},
            "result": {"description": "The payload: an object, or an array for lists."}
        }},
        "ApiError": {"type": "object", "description": "Envelope of a failed response.", "required": ["success", "errors"], "properties": {
            "success": {"type": "boolean", "enum": [false], "description": "Always false."},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "What went wrong."},
            "messages": {"type": "array", "items": {"$ref": "#/components/schemas/ResponseMessage"}, "description": "Informational messages."},
            "result": {"type": "null", "description": "Always null."}
        }},
        "ResultInfo": {"type": "object", "description": "Pagination of a list.", "properties": {
            "page": {"type": "integer", "description": "Current page (1-based)."},
            "per_page": {"type": "integer", "description": "Items per page."},
            "count": {"type": "integer", "description": "Items on this page."},
            "total_count": {"type": "integer", "description": "Items across all pages."},
            "total_pages": {"type": "integer", "description": "Number of pages."}
        }}
    });
    let mut m = match v {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let info: Option<Value> = match paging {
        PagingStyle::Page => None,
        PagingStyle::Offset => Some(
            json!({"type": "object", "description": "Pagination of a list.", "properties": {
                "offset": {"type": "integer", "description": "Position of the first item of this page (0-based)."},
                "count": {"type": "integer", "description": "Items on this page."},
                "total_count": {"type": "integer", "description": "Items across all pages."}
            }}),
        ),
        PagingStyle::Cursor => Some(
            json!({"type": "object", "description": "Pagination of a list.", "properties": {
                "per_page": {"type": "integer", "description": "Items per page."},
                "count": {"type": "integer", "description": "Items on this page."},
                "cursor": {"type": "string", "description": "`starting_after` of the next page; absent on the last page."}
            }}),
        ),
    };
    if let Some(info) = info {
        m.insert("ResultInfo".into(), info);
    }
    m
}
