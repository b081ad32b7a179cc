//! WHERE clauses made of only the filters a request gives.
//!
//! `($1 IS NULL OR account_id = $1)` reads well but costs: neither SQLite
//! nor a PostgreSQL generic plan can use an index through the OR, so a
//! customer's list would walk every account's orders. Building the clause
//! from the filters present keeps each query indexable, and there are few
//! enough combinations for the prepared-statement cache.

use sqlx::any::AnyArguments;
use sqlx::query::QueryAs;
use sqlx::Any;

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Bind {
    Int(i64),
    Text(String),
}

/// Conditions joined by AND, with their values in placeholder order.
#[derive(Debug, Default)]
pub struct Where {
    conditions: Vec<String>,
    binds: Vec<Bind>,
}

impl Where {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `condition`, whose `{1}`, `{2}`… stand for `values` in order
    /// (each may appear more than once).
    pub fn and(&mut self, condition: &str, values: impl IntoIterator<Item = Bind>) -> &mut Self {
        let mut sql = condition.to_string();
        for (i, value) in values.into_iter().enumerate() {
            self.binds.push(value);
            sql = sql.replace(&format!("{{{}}}", i + 1), &format!("${}", self.binds.len()));
        }
        self.conditions.push(sql);
        self
    }

    /// Adds `condition` when the filter is given.
    pub fn and_some<T>(&mut self, condition: &str, value: Option<T>, bind: impl FnOnce(T) -> Bind) -> &mut Self {
        if let Some(v) = value {
            self.and(condition, [bind(v)]);
        }
        self
    }

    /// ` WHERE a AND b`, or nothing.
    pub fn sql(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }

    pub fn bind_to<'q, O>(&self, mut q: QueryAs<'q, Any, O, AnyArguments<'q>>) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for b in &self.binds {
            q = match b {
                Bind::Int(v) => q.bind(*v),
                Bind::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }
}

/// A LIKE pattern matching `text` anywhere, upper-cased, with LIKE's own
/// wildcards (`%`, `_`) and the escape character taken literally. Use it
/// with `LIKE … ESCAPE '\'` (both engines; SQLite has no default escape).
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_uppercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_take_wildcards_literally() {
        assert_eq!(contains_pattern("so-2026"), "%SO-2026%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_A\\\\B%");
    }

    #[test]
    fn placeholders_number_in_order_and_repeat() {
        let mut w = Where::new();
        w.and_some("o.account_id = {1}", Some(7), Bind::Int)
            .and_some("o.site_id = {1}", None::<i64>, Bind::Int)
            .and("(o.number LIKE {1} OR o.po_number LIKE {1})", [Bind::Text("%X%".into())])
            .and("(d > {2} OR (d = {2} AND o.id > {1}))", [Bind::Int(5), Bind::Text("2026-01-01".into())]);
        assert_eq!(w.sql(), " WHERE o.account_id = $1 AND (o.number LIKE $2 OR o.po_number LIKE $2) AND (d > $4 OR (d = $4 AND o.id > $3))");
        assert_eq!(Where::new().sql(), "");
    }
}
