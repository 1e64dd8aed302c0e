//! What the schema must keep for reads to stay fast.

use sqlx::Connection;

use crate::helpers::*;

/// A SQL-language function returning one value is planned again on every
/// call unless its body is a bare expression; the answers call such
/// functions for every row. Those with a query in them are PL/pgSQL, which
/// keeps its plans (see the migration `functions_keep_their_plans`).
#[tokio::test]
async fn no_function_that_returns_a_value_is_planned_on_every_call() {
    let app = TestApp::spawn().await;
    let replanned: Vec<String> = sqlx::query_scalar(
        r"select p.proname::text
          from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          join pg_language l on l.oid = p.prolang
          where n.nspname = 'public' and l.lanname = 'sql' and p.prokind = 'f'
            and not p.proretset and p.prosrc ~* '\mfrom\M'
          order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        replanned,
        Vec::<String>::new(),
        "write these as PL/pgSQL: return (<the query>)"
    );
    let kept: i64 = sqlx::query_scalar(
        "select count(*) from pg_proc p join pg_language l on l.oid = p.prolang
         where l.lanname = 'plpgsql' and p.proname in ('holder_answer', 'holding_json', 'owned_span')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(kept, 3);
}

/// PostgreSQL inlines a SQL function of one expression into the statement
/// that calls it only when the function is declared no less volatile than
/// what it calls; otherwise every call is a function planned anew (see the
/// migration `answers_planned_once`). `search_key`, on which indexes are
/// built, must be immutable and calls a stable function: it is PL/pgSQL.
#[tokio::test]
async fn every_function_of_one_expression_is_inlined() {
    let app = TestApp::spawn().await;
    let functions: Vec<(String, Vec<String>)> = sqlx::query_as(
        r"select p.proname::text,
                 array(select format_type(t, null) from unnest(p.proargtypes::oid[]) t)
          from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          join pg_language l on l.oid = p.prolang
          where n.nspname = 'public' and l.lanname = 'sql' and p.prokind = 'f'
            and not p.proretset and p.prosrc !~* '\mfrom\M'
          order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(functions.len() >= 10, "{functions:?}");
    let mut called = Vec::new();
    for (name, types) in &functions {
        // Arguments from a subquery the planner keeps, so that nothing is
        // folded to a constant before the plan shows the call or its body.
        let columns: Vec<String> = (1..=types.len()).map(|i| format!("v.x{i}")).collect();
        let values: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(i, t)| format!("null::{t} as x{}", i + 1))
            .collect();
        let plan: serde_json::Value = sqlx::query_scalar(&format!(
            "explain (verbose, format json) select {name}({}) from (select {} offset 0) v",
            columns.join(", "),
            values.join(", ")
        ))
        .fetch_one(&app.pool)
        .await
        .unwrap();
        if plan.to_string().contains(&format!("{name}(")) {
            called.push(name.clone());
        }
    }
    assert_eq!(
        called,
        Vec::<String>::new(),
        "called, not inlined: declare them as volatile as their body"
    );
}

/// The answers an endpoint asks for once a request keep one plan for any
/// arguments, and so do the functions they call while they run: left to
/// choose, PL/pgSQL planned the contacts' statements again on every call.
/// `create or replace function` drops the setting, so a migration that
/// restates one of them without it fails here.
#[tokio::test]
async fn the_answers_keep_one_plan() {
    let app = TestApp::spawn().await;
    let answers = [
        "agency_contacts_answer",
        "assignment_contacts_answer",
        "contact_points_on_json",
        "holder_answer",
    ];
    let kept: Vec<(String, bool)> = sqlx::query_as(
        "select p.proname::text,
                coalesce('plan_cache_mode=force_generic_plan' = any(p.proconfig), false)
         from pg_proc p
         where p.proname = any($1)
         order by 1",
    )
    .bind(answers)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let all_kept: Vec<(String, bool)> = answers.iter().map(|a| (a.to_string(), true)).collect();
    assert_eq!(kept, all_kept);
}

/// Each tracked table records its changes through its own copy of
/// record_change() (made by track_changes), whose statements name the
/// history table and so keep their plans; the shared record_change() plans
/// its dynamic SQL for every row. A table tracked in a later migration
/// without track_changes fails here.
#[tokio::test]
async fn every_tracked_table_records_its_changes_without_dynamic_sql() {
    let app = TestApp::spawn().await;
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "select c.relname::text, p.proname::text
         from pg_trigger t
         join pg_class c on c.oid = t.tgrelid
         join pg_proc p on p.oid = t.tgfoid
         where t.tgname = c.relname || '_record_change'
         order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(triggers.len() >= 17, "{triggers:?}");
    for (table, function) in &triggers {
        assert_eq!(function, &format!("record_change_{table}"));
    }
}

/// Every tracked table's history and its `known` view have all of its
/// columns, so that a read as known at a moment answers every field a
/// present read does: a migration that adds a column to a tracked table
/// and forgets the history table or the view fails here.
#[tokio::test]
async fn every_tracked_table_is_known_with_all_its_columns() {
    let app = TestApp::spawn().await;
    let missing: Vec<(String, String, String)> = sqlx::query_as(
        "select c.table_name::text, c.column_name::text, schemas.name
         from information_schema.columns c
         join pg_trigger t on t.tgname = c.table_name || '_record_change'
         cross join (values ('history'), ('known')) schemas (name)
         where c.table_schema = 'public'
           and not exists (select from information_schema.columns o
                           where o.table_schema = schemas.name and o.table_name = c.table_name
                             and o.column_name = c.column_name and o.data_type = c.data_type)
         order by 1, 2, 3",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(missing, Vec::new(), "(table, column, where it is missing)");
    // Each view picks the versions recorded at the moment by the span's two
    // ends, not by `@>`, which the planner estimates at a row or so (see
    // the migration known_views_estimated_as_most_rows).
    let contained: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.views
         where table_schema = 'known' and view_definition like '%@>%'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(contained, Vec::<String>::new(), "known views that use @>");
    let tracked: i64 = sqlx::query_scalar(
        "select count(distinct c.table_name) from information_schema.columns c
         join pg_trigger t on t.tgname = c.table_name || '_record_change'
         where c.table_schema = 'public'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(tracked >= 17, "{tracked} tracked tables");
}

/// What a migration that adds a column to a tracked table does: the
/// `alter table`, then `track_changes`, which adds the column to the
/// history and the `known` view; a change of it is then recorded, and a
/// read as known before the change has the value of before.
#[tokio::test]
async fn a_column_added_and_tracked_is_recorded_and_known() {
    let app = TestApp::spawn().await;
    let mut db = app.admin_connection().await;
    for statement in [
        "alter table sources add column reviewed_by text",
        "select track_changes('sources')",
        "update sources set reviewed_by = 'a registrar' where slug = '2018-01-08-nationella-uppdrag-flyttar'",
    ] {
        sqlx::query(statement).execute(&mut db).await.unwrap();
    }
    let recorded: Vec<Option<String>> = sqlx::query_scalar(
        "select h.reviewed_by from history.sources h join sources s on s.id = h.id
         where s.slug = '2018-01-08-nationella-uppdrag-flyttar' order by lower(h.recorded)",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    assert_eq!(recorded.last(), Some(&Some("a registrar".to_owned())));
    assert_eq!(recorded.first(), Some(&None), "{recorded:?}");
    let changed: i64 = sqlx::query_scalar(
        "select count(*) from changes where entity = 'sources' and after ->> 'reviewed_by' = 'a registrar'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(changed, 1);
    let mut known = Vec::new();
    for moment in ["'2018-01-09T12:00:00+01:00'", "now()::text"] {
        sqlx::query(&format!(
            "select set_config('registry.known_at', {moment}, false)"
        ))
        .execute(&mut db)
        .await
        .unwrap();
        let value: Option<String> = sqlx::query_scalar(
            "select reviewed_by from known.sources where slug = '2018-01-08-nationella-uppdrag-flyttar'",
        )
        .fetch_one(&mut db)
        .await
        .unwrap();
        known.push(value);
    }
    assert_eq!(known, [None, Some("a registrar".to_owned())]);
}

/// A SQL function that PostgreSQL does not inline is a call of its own,
/// planned again each time: inlining needs each argument the body uses
/// twice to be simple (no subquery). The answers and an assignment's status,
/// asked for every assignment on two days, call no SQL function; the
/// assignment lists asked for `assignment_status_rule` 88,000 times (see
/// the migration `status_rule_inlined`).
#[tokio::test]
async fn the_answers_call_no_sql_function() {
    let app = TestApp::spawn().await;
    let mut admin = app.admin_connection().await;
    let mut tx = admin.begin().await.unwrap();
    sqlx::query("set local track_functions = 'all'")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "select assignment_status(a.id, d.day), holder_answer(a.slug, d.day),
                assignment_contacts_answer(a.slug, d.day), agency_contacts_answer(g.slug, d.day)
         from assignments a
         cross join (values (date '2017-06-01'), (date '2019-06-01')) d(day)
         left join agencies g on g.id = (select h.agency_id from holdings h
                                         where h.assignment_id = a.id limit 1)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let called: Vec<(String, i64)> = sqlx::query_as(
        "select p.proname::text, pg_stat_get_xact_function_calls(p.oid)
         from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
         join pg_language l on l.oid = p.prolang
         where n.nspname = 'public' and l.lanname = 'sql'
           and pg_stat_get_xact_function_calls(p.oid) > 0
         order by 1",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(called, Vec::<(String, i64)>::new(), "called, not inlined");
}

/// The lists read through a `ListReader` ([`Plans::Once`]) plan their
/// statement once per connection, for any arguments: planning it for each
/// request took a third of PostgreSQL's time (see docs/performance.md,
/// "Lists planned once"). Other reads keep plans made for their arguments. On one
/// connection, as in the pool: agency searches for six words each way.
#[tokio::test]
async fn the_lists_are_planned_once_for_any_arguments() {
    use registry::db::{Plans, Reader};
    use registry::domain::Window;
    use registry::views::agencies::{list, AgencyFilter};
    let app = TestApp::spawn().await;
    let pool = app.one_connection().await;
    let window = Window {
        after: None,
        offset: 0,
        limit: 21,
        ranked: true,
    };
    let plans_made = || {
        sqlx::query_as::<_, (i64, i64)>(
            "select generic_plans, custom_plans from pg_prepared_statements
             where statement like '%agency_search(%'",
        )
        .fetch_one(&pool)
    };
    for plans in [Plans::Once, Plans::PerCall] {
        for q in ["jam", "läns", "stockholm", "västra", "myndighet", "gender"] {
            let mut db = Reader::open(&pool, None, plans).await.unwrap();
            let filter = AgencyFilter::search(q, "2018-01-01".parse().unwrap(), &window);
            let found = list(&mut db, filter).await.unwrap();
            assert!(!found.is_empty(), "{q} finds an agency ({plans:?})");
        }
        let (generic, custom) = plans_made().await.unwrap();
        match plans {
            Plans::Once => assert_eq!((generic, custom), (6, 0)),
            // PostgreSQL's own choice: the first five for their arguments.
            Plans::PerCall => assert!(custom >= 5, "{custom} planned for their arguments"),
        }
    }
}

/// An agency's search keys are computed when its names, aliases and slug
/// are written, and kept in `agency_search_keys` by triggers (the
/// migration `agency_search_keys_kept`): after each kind of write, the
/// keys are those of the rows as they now are, and the search finds the
/// agency by what it is now called.
#[tokio::test]
async fn the_search_keys_follow_every_name_alias_and_slug() {
    let app = TestApp::spawn().await;
    let stale = || {
        sqlx::query_scalar::<_, i64>(
            "with computed as (
                 select n.id as row_id, n.agency_id, search_key(n.name_sv) as key, false as is_slug
                 from agency_names n
                 union all
                 select n.id, n.agency_id, search_key(n.name_en), false
                 from agency_names n where n.name_en is not null
                 union all
                 select al.id, al.agency_id, search_key(al.alias), false from agency_aliases al
                 union all
                 select a.id, a.id, search_key(a.slug), true from agencies a
             )
             select count(*) from (
                 (select row_id, agency_id, key, is_slug from agency_search_keys
                  except all select * from computed)
                 union all
                 (select * from computed
                  except all select row_id, agency_id, key, is_slug from agency_search_keys)
             ) differ",
        )
        .fetch_one(&app.pool)
    };
    assert_eq!(stale().await.unwrap(), 0, "as migrated");
    let writes = [
        "insert into agencies (slug, kind, source_id)
         select slug, 'government_agency', (select id from sources limit 1)
         from unnest(array['nyckelverket', 'dorrverket']) slug",
        "insert into agency_names (agency_id, name_sv, name_en, source_id)
         select id, initcap(slug), 'The ' || slug, source_id from agencies
         where slug in ('nyckelverket', 'dorrverket')",
        "insert into agency_aliases (agency_id, alias, kind, source_id)
         select id, upper(left(slug, 3)), 'abbreviation', source_id from agencies
         where slug in ('nyckelverket', 'dorrverket')",
        "update agency_names set name_sv = 'Låsverket', name_en = null where name_sv = 'Nyckelverket'",
        "update agency_aliases set alias = 'LÅS' where alias = 'NYC'",
        "update agencies set slug = 'lasverket' where slug = 'nyckelverket'",
        "delete from agency_aliases where alias = 'LÅS'",
        "delete from agencies where slug = 'dorrverket'",
    ];
    for write in writes {
        sqlx::raw_sql(write).execute(&app.pool).await.unwrap();
        assert_eq!(stale().await.unwrap(), 0, "after {write}");
    }
    let search = |q: &'static str| {
        let app = &app;
        async move {
            let page = app
                .get_json(&format!("/v1/agencies?q={q}&status=any"))
                .await;
            slugs(&page["items"], "/slug")
        }
    };
    assert_eq!(search("l%C3%A5sverket").await[0], "lasverket");
    assert_eq!(search("nyckelverket").await, Vec::<String>::new());
    assert_eq!(search("dorrverket").await, Vec::<String>::new());
}

/// The bounds a status follows from are kept by triggers; after every kind
/// of write they are what `assignment_bounds()` works out from the tables,
/// and the status read and the `status` filter follow them.
#[tokio::test]
async fn the_status_bounds_follow_every_version_holding_and_kind() {
    let app = TestApp::spawn().await;
    let stale = || {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from (
                 (select assignment_id, kind, started, ends from assignment_status_bounds
                  except all select * from assignment_bounds())
                 union all
                 (select * from assignment_bounds()
                  except all select assignment_id, kind, started, ends from assignment_status_bounds)
             ) differ",
        )
        .fetch_one(&app.pool)
    };
    assert_eq!(stale().await.unwrap(), 0, "as migrated");
    let status = |at: &'static str| {
        let app = &app;
        async move {
            let assignment = app
                .get_json(&format!("/v1/assignments/provuppdraget?at={at}"))
                .await;
            assignment["status"].as_str().unwrap().to_owned()
        }
    };
    let listed = |status: &'static str, at: &'static str| {
        let app = &app;
        async move {
            let page = app
                .get_json(&format!(
                    "/v1/assignments?status={status}&at={at}&limit=100"
                ))
                .await;
            slugs(&page["items"], "/slug").contains(&"provuppdraget".to_owned())
        }
    };
    let the_assignment = "(select id from assignments where slug = 'provuppdraget')";
    sqlx::raw_sql(
        "insert into assignments (slug, jurisdiction, kind, source_id)
         select 'provuppdraget', 'national', 'government_assignment', id from sources limit 1",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(stale().await.unwrap(), 0, "after the assignment");
    // Each write, then a day and the status on it.
    let steps = [
        (
            "insert into assignment_versions (assignment_id, title_sv, valid_from, valid_from_precision,
                                              due_on, due_on_precision, source_id)
             select a.id, 'Provuppdraget', '2020-01-01', 'day', '2021-03-31', 'day', a.source_id
             from assignments a where a.slug = 'provuppdraget'"
                .to_owned(),
            "2021-06-01",
            "reported",
        ),
        (
            format!(
                "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, source_id)
                 select {the_assignment}, a.id, '2020-01-01', 'day', a.source_id
                 from agencies a where a.slug = '{GENDER_EQUALITY_AGENCY}'"
            ),
            "2019-06-01",
            "not_started",
        ),
        (
            "update assignment_versions set due_on = null, due_on_precision = null
             where title_sv = 'Provuppdraget'"
                .to_owned(),
            "2021-06-02",
            "due_unknown",
        ),
        (
            format!(
                "update holdings set valid_to = '2022-01-01', valid_to_precision = 'day'
                 where assignment_id = {the_assignment}"
            ),
            "2022-06-01",
            "reported",
        ),
        (
            "update assignments set kind = 'standing' where slug = 'provuppdraget'".to_owned(),
            "2021-06-03",
            "active",
        ),
    ];
    for (write, at, expected) in steps {
        sqlx::raw_sql(&write).execute(&app.pool).await.unwrap();
        assert_eq!(stale().await.unwrap(), 0, "after {write}");
        assert_eq!(status(at).await, expected, "on {at}, after {write}");
        assert!(listed(expected, at).await, "listed as {expected} on {at}");
    }
    for write in [
        format!("delete from holdings where assignment_id = {the_assignment}"),
        format!("delete from assignment_versions where assignment_id = {the_assignment}"),
        "delete from assignments where slug = 'provuppdraget'".to_owned(),
    ] {
        sqlx::raw_sql(&write).execute(&app.pool).await.unwrap();
        assert_eq!(stale().await.unwrap(), 0, "after {write}");
    }
}
