//! The example data and the schema's invariants, checked in the database.

use crate::helpers::*;

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(&format!("select count(*) from {table}"))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn loading_the_founding_case_again_changes_nothing() {
    let app = TestApp::spawn().await;
    let tables = [
        "sources",
        "agencies",
        "agency_names",
        "assignments",
        "assignment_versions",
        "holdings",
        "transfers",
        "transfer_items",
        "contact_points",
        "bodies",
        "participations",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&app, table).await);
    }
    let loaded = registry::example_data::load(&app.pool).await.unwrap();
    assert!(!loaded, "the second load is skipped");
    registry::startup::prepare_database(&app.pool, true, false)
        .await
        .unwrap();
    for (table, before) in tables.iter().zip(before) {
        assert_eq!(count(&app, table).await, before, "{table}");
    }
    assert_eq!(count(&app, "agencies").await, 27);
    assert_eq!(count(&app, "holdings").await, 33);
}

#[tokio::test]
async fn the_database_refuses_a_second_holder_for_an_overlapping_period() {
    let app = TestApp::spawn().await;
    let error = sqlx::query(
        "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, source_id)
         select s.id, a.id, '2017-06-01', 'day', s.source_id
         from assignments s, agencies a
         where s.slug = $1 and a.slug = 'skatteverket'",
    )
    .bind(NATIONAL)
    .execute(&app.pool)
    .await
    .expect_err("an overlapping holding is refused");
    let database_error = error.as_database_error().expect("a database error");
    assert_eq!(database_error.code().as_deref(), Some("23P01"));
    assert_eq!(
        database_error.constraint(),
        Some("holdings_one_holder_at_a_time")
    );

    // Adjacent half-open periods do not overlap: a holder from the day an
    // open-ended holding would end is fine once that one is closed.
    let mut tx = app.pool.begin().await.unwrap();
    sqlx::query(
        "update holdings set valid_to = '2030-01-01', valid_to_precision = 'day'
         where assignment_id = (select id from assignments where slug = $1) and valid_to is null",
    )
    .bind(NATIONAL)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, source_id)
         select s.id, a.id, '2030-01-01', 'day', s.source_id
         from assignments s, agencies a
         where s.slug = $1 and a.slug = 'skatteverket'",
    )
    .bind(NATIONAL)
    .execute(&mut *tx)
    .await
    .expect("adjacent periods are accepted");
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn a_holding_started_by_a_transfer_must_start_on_its_date_with_its_receiver() {
    let app = TestApp::spawn().await;
    let error = sqlx::query(
        "update holdings set valid_from = '2018-01-02'
         where started_by_transfer_id = (select id from transfers where slug = $1)
           and assignment_id = (select id from assignments where slug = $2)",
    )
    .bind(TRANSFER)
    .bind(NATIONAL)
    .execute(&app.pool)
    .await
    .expect_err("the holding and its transfer must agree on the date");
    assert_eq!(
        error.as_database_error().unwrap().constraint(),
        Some("holdings_started_by_transfer_fkey")
    );
}

#[tokio::test]
async fn a_year_precision_date_must_be_the_first_of_january() {
    let app = TestApp::spawn().await;
    let error = sqlx::query(
        "update holdings set valid_from = '2009-03-01' where valid_from_precision = 'year'",
    )
    .execute(&app.pool)
    .await
    .expect_err("2009-03-01 is not a year");
    assert_eq!(
        error.as_database_error().unwrap().constraint(),
        Some("holdings_valid_from_precision")
    );
}
