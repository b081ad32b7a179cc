//! `GET /api/v1/openapi.json`: the API's description. Written by hand next to
//! the handlers; `tests/api.rs` holds it to `api::OPERATIONS` both ways.

use axum::response::IntoResponse;
use axum::Json;
use serde_json::{json, Value};

fn problem() -> Value {
    json!({"description": "Problem (RFC 9457)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

fn order_response(description: &str) -> Value {
    json!({"description": description, "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}})
}

fn action(summary: &str, body: Option<Value>) -> Value {
    let mut op = json!({
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"name": "If-Match", "in": "header", "schema": {"type": "string"}, "description": "The ETag the caller last saw; 412 if the order changed since."}],
        "responses": {"200": order_response("The order after the action"), "401": problem(), "403": problem(), "404": problem(), "409": problem(), "412": problem(), "422": problem()}
    });
    if let Some(schema) = body {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    json!({"post": op})
}

pub async fn document() -> impl IntoResponse {
    let mut doc = written();
    // Answers every operation can give, said once: a request that cannot be
    // read (400), a body over the limit (413, operations with a body).
    if let Some(paths) = doc["paths"].as_object_mut() {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, op) in item.iter_mut() {
                let Some(responses) = op["responses"].as_object_mut() else { continue };
                responses.entry("400").or_insert_with(problem);
                if method == "post" {
                    responses.entry("413").or_insert_with(problem);
                }
            }
        }
    }
    Json(doc)
}

/// The document as written by hand beside the handlers.
fn written() -> Value {
    let reason = json!({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Keyport API", "version": "1.0.0", "description": "Orders, catalog and negotiation for key accounts. Customers see only their own account's data; staff see what their role needs. Errors are application/problem+json."},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "A token from POST /auth/token."}},
            "parameters": {"OrderId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}},
            "schemas": {
                "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "errors": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "reason": {"type": "string"}, "detail": {"type": "string"}}}}}},
                "Money": {"type": "object", "properties": {"minor": {"type": "integer", "description": "Minor units (fen)"}, "currency": {"type": "string"}}},
                "OrderStatus": {"type": "string", "enum": ["draft", "submitted", "countered", "confirmed", "rejected", "cancelled", "in_production", "partially_shipped", "shipped", "delivered", "accepted", "closed"]},
                "OrderLineInput": {"type": "object", "required": ["sku", "quantity"], "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1}, "requested_date": {"type": ["string", "null"], "format": "date"}}},
                "OrderInput": {"type": "object", "required": ["lines"], "properties": {"site_id": {"type": ["integer", "null"]}, "requested_date": {"type": ["string", "null"], "format": "date"}, "po_number": {"type": "string"}, "notes": {"type": "string"}, "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLineInput"}}}},
                "OrderLine": {"type": "object", "properties": {"id": {"type": "integer"}, "line_key": {"type": "integer", "description": "Stable across versions"}, "line_no": {"type": "integer"}, "product_id": {"type": "integer"}, "sku": {"type": "string"}, "quantity": {"type": "integer"}, "unit_price": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "null for callers who do not see money"}, "requested_date": {"type": ["string", "null"], "format": "date"}, "counter_quantity": {"type": ["integer", "null"], "description": "Proposed by a counter-proposal, while the order is countered"}}},
                "OrderEvent": {"type": "object", "properties": {"at": {"type": "integer", "description": "Unix seconds, UTC"}, "actor": {"type": "string"}, "kind": {"type": "string"}, "from_status": {"anyOf": [{"$ref": "#/components/schemas/OrderStatus"}, {"type": "null"}]}, "to_status": {"anyOf": [{"$ref": "#/components/schemas/OrderStatus"}, {"type": "null"}]}, "reason": {"type": "string"}, "date": {"type": ["string", "null"], "format": "date", "description": "The date this step proposed or promised"}, "quantities": {"type": "array", "items": {"type": "object", "properties": {"line_no": {"type": "integer"}, "sku": {"type": "string"}, "from": {"type": "integer"}, "to": {"type": "integer"}}}}}},
                "Order": {"type": "object", "properties": {"id": {"type": "integer"}, "number": {"type": "string", "example": "SO-2026-000123"}, "account_id": {"type": "integer"}, "site_id": {"type": ["integer", "null"]}, "po_number": {"type": "string"}, "notes": {"type": "string"}, "status": {"$ref": "#/components/schemas/OrderStatus"}, "version": {"type": "integer"}, "requested_date": {"type": ["string", "null"], "format": "date"}, "promised_date": {"type": ["string", "null"], "format": "date"}, "counter_date": {"type": ["string", "null"], "format": "date"}, "counter_message": {"type": "string"}, "dates_feasible": {"type": "boolean"}, "over_credit": {"type": "boolean"}, "earliest_date": {"type": ["string", "null"], "format": "date"}, "total": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "null for callers who do not see money (planners, support agents)"}, "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLine"}}, "events": {"type": "array", "items": {"$ref": "#/components/schemas/OrderEvent"}}}},
                "OrderSummary": {"type": "object", "properties": {"id": {"type": "integer"}, "number": {"type": "string"}, "account_code": {"type": "string"}, "po_number": {"type": "string"}, "status": {"$ref": "#/components/schemas/OrderStatus"}, "requested_date": {"type": ["string", "null"]}, "promised_date": {"type": ["string", "null"]}, "total": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}], "description": "null for callers who do not see money (planners, support agents)"}, "dates_feasible": {"type": "boolean"}, "over_credit": {"type": "boolean"}}},
                "Product": {"type": "object", "properties": {"id": {"type": "integer"}, "sku": {"type": "string"}, "name_en": {"type": "string"}, "name_zh": {"type": "string"}, "category": {"type": "string"}, "unit": {"type": "string"}, "moq": {"type": "integer"}, "pack_multiple": {"type": "integer"}, "lead_time_days": {"type": "integer"}, "weekly_capacity": {"type": "integer"}, "unit_price_minor": {"type": "integer", "description": "The caller's price: contract where valid, else list"}, "currency": {"type": "string"}}}
            }
        },
        "paths": {
            "/auth/token": {"post": {"summary": "Exchange e-mail and password for a bearer token (rate limited like sign-in)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["email", "password"], "properties": {"email": {"type": "string", "maxLength": 254}, "password": {"type": "string", "maxLength": 200}, "name": {"type": "string", "maxLength": 80}, "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365, "default": 90}}}}}}, "responses": {"201": {"description": "The token (shown once) and when it expires (seconds since the epoch)", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "integer"}, "token": {"type": "string"}, "token_type": {"type": "string"}, "expires_at": {"type": "integer"}}}}}}, "400": problem(), "401": problem(), "422": problem(), "429": problem()}}},
            "/auth/tokens": {"get": {"summary": "The caller's live tokens", "security": [{"bearer": []}], "responses": {"200": {"description": "Tokens without their secrets"}, "401": problem()}}},
            "/auth/tokens/{id}": {"delete": {"summary": "Revoke one of the caller's tokens", "security": [{"bearer": []}], "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}], "responses": {"204": {"description": "Revoked"}, "401": problem(), "404": problem()}}},
            "/products": {"get": {"summary": "The catalog at the caller's prices", "security": [{"bearer": []}], "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "category", "in": "query", "schema": {"type": "string"}}, {"name": "cursor", "in": "query", "schema": {"type": "integer"}}, {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}}], "responses": {"200": {"description": "A page of products", "content": {"application/json": {"schema": {"type": "object", "properties": {"products": {"type": "array", "items": {"$ref": "#/components/schemas/Product"}}, "next_cursor": {"type": ["string", "null"]}}}}}}, "401": problem()}}},
            "/orders": {
                "get": {"summary": "Orders the caller may see: filtered, sorted, a page at a time", "security": [{"bearer": []}], "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}}, {"name": "search", "in": "query", "schema": {"type": "string"}, "description": "Order number, PO number or SKU"}, {"name": "account_id", "in": "query", "schema": {"type": "integer"}, "description": "Staff only; customers always see their own account"}, {"name": "site_id", "in": "query", "schema": {"type": "integer"}}, {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Ordered on or after (UTC day)"}, {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Ordered on or before (UTC day)"}, {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["newest", "oldest", "delivery"], "default": "newest"}}, {"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "The next_cursor of the previous page, with the same sort"}], "responses": {"200": {"description": "A page of orders", "content": {"application/json": {"schema": {"type": "object", "properties": {"orders": {"type": "array", "items": {"$ref": "#/components/schemas/OrderSummary"}}, "next_cursor": {"type": ["string", "null"]}}}}}}, "401": problem(), "422": problem()}},
                "post": {"summary": "Create a draft order", "security": [{"bearer": []}], "parameters": [{"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string"}, "description": "Same key and body: the same order again. Same key, other body: 422."}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrderInput"}}}}, "responses": {"201": order_response("The created order"), "400": problem(), "401": problem(), "403": problem(), "422": problem()}}
            },
            "/orders/feasibility": {"post": {"summary": "The live feasibility check (capacity, lead time, MOQ, packs, credit); creates nothing", "security": [{"bearer": []}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrderInput"}}}}, "responses": {"200": {"description": "The report, with the earliest feasible dates per line and for the order"}, "401": problem(), "403": problem()}}},
            "/orders/{id}": {"get": {"summary": "One order with lines and timeline", "security": [{"bearer": []}], "parameters": [{"$ref": "#/components/parameters/OrderId"}, {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}], "responses": {"200": order_response("The order"), "304": {"description": "Not modified"}, "401": problem(), "404": problem()}}},
            "/orders/{id}/submit": action("Customer: submit a draft", None),
            "/orders/{id}/confirm": action("Staff: confirm with a promised date (default: the earliest feasible)", Some(json!({"type": "object", "properties": {"promised_date": {"type": "string", "format": "date"}, "message": {"type": "string"}}}))),
            "/orders/{id}/counter": action("Staff: propose another date and/or other quantities (by line_key); the customer accepts or declines the whole proposal", Some(json!({"type": "object", "required": ["message"], "properties": {"date": {"type": "string", "format": "date", "description": "Omitted: the order's own date"}, "quantities": {"type": "array", "items": {"type": "object", "required": ["line_key", "quantity"], "properties": {"line_key": {"type": "integer"}, "quantity": {"type": "integer", "minimum": 1}}}}, "message": {"type": "string"}}}))),
            "/orders/{id}/reject": action("Staff: reject with a reason", Some(reason.clone())),
            "/orders/{id}/accept-counter": action("Customer: accept the counter-proposal", None),
            "/orders/{id}/decline-counter": action("Customer: decline the counter-proposal (cancels)", Some(reason.clone())),
            "/orders/{id}/cancel": action("Cancel where the status allows", Some(reason)),
            "/orders/{id}/start-production": action("Staff: move a confirmed order into production", None),
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "The OpenAPI 3.1 description of /api/v1"}}}}
        }
    })
}
