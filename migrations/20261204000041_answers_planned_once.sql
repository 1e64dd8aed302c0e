-- A contacts answer planned its statements again on every request. Found
-- with track_functions = 'all' (each function's own time), over the
-- contacts of every assignment of the national data: 1.0 ms an answer, a
-- third of it planning.
--
-- 1. PostgreSQL inlines a SQL function of one expression only when the
--    expression is no more volatile than the function says it is. These
--    were declared immutable but call stable functions (jsonb_build_object,
--    to_char, to_date, format), so each call was a SQL function planned
--    anew, for every name and date of every answer. Declared stable, as
--    they are, they are inlined into the statement that calls them. None is
--    in an index or a constraint; search_key, which is, stays immutable
--    (the unaccent dictionary it names is fixed).
alter function localized_json(text, text) stable;
alter function partial_date_text(date, text) stable;
alter function partial_date_day(text) stable;
alter function period_text(date, text, date, text) stable;
alter function transfer_position(date, text) stable;

-- 2. PL/pgSQL keeps a statement's plan only while the plan made for any
--    arguments looks no dearer than the ones made for the arguments given.
--    For contact_points_on_json and assignment_contacts_answer it never
--    did (with the arguments given, the planner drops the branch for the
--    one that is null), so each call planned its statement again. They and
--    the other answers an endpoint asks for once a request keep one plan;
--    the functions they call keep theirs while they run.
alter function contact_points_on_json(uuid[], uuid, date) set plan_cache_mode = force_generic_plan;
alter function assignment_contacts_answer(text, date) set plan_cache_mode = force_generic_plan;
alter function agency_contacts_answer(text, date) set plan_cache_mode = force_generic_plan;
alter function holder_answer(text, date) set plan_cache_mode = force_generic_plan;
