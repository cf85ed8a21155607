//! The API's request and answer shapes, documented in the OpenAPI document. They are the API's contract, kept
//! apart from the app's own types (`domain`) so that the pages can change without breaking a school's script;
//! each is built from its `domain` or `rules` counterpart.

use rules::Lang;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

/// One problem of a cell or a row, as the rules report it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CellProblem {
    /// The column (`firstname` ... `language`); `null` for the file's problems.
    pub column: Option<String>,
    /// The rules' code (`email.invalid`, `country.invalid`...; see PRODUCT.md).
    pub code: String,
    /// What is wrong and what to do, in the request's language.
    pub message: String,
}

impl CellProblem {
    pub fn of(problem: &rules::Problem, lang: Lang) -> CellProblem {
        CellProblem {
            column: problem.column.map(|c| c.as_str().to_owned()),
            code: problem.code().as_str().to_owned(),
            message: problem.message(lang),
        }
    }
}

/// The problems of one row of a file.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RowProblem {
    /// The spreadsheet row number (the header is row 1).
    pub row: u32,
    pub problems: Vec<CellProblem>,
}

/// `POST /api/v1/imports`'s options. Only these are accepted: an unknown parameter, one given twice or a value
/// not listed here is a 400 that names it (`super::params`).
#[derive(Clone, Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read by `super::params::Params`, which takes its names from here; declared for the document.
pub struct ImportOptions {
    /// Queue an invitation email for each user created: `true` (default) or `false`.
    pub send_invitations: Option<bool>,
    /// Add the valid rows even when others have errors: `true` or `false` (default: any error refuses the whole
    /// file).
    pub ignore_errors: Option<bool>,
    /// Only check: answer the report `server check --json` gives, and write nothing: `true` or `false` (default).
    pub dry_run: Option<bool>,
    /// The file's name, as the history shows it: 1 to 255 characters, no control characters (default
    /// `api-import.csv`).
    pub file_name: Option<String>,
    /// The language of the messages: `en`, `fr` or `de` (default: the `Accept-Language` header, else `en`).
    pub lang: Option<String>,
    /// What to do with learners the portal has (docs/rosters.md): `add` (default: they are `email.exists`),
    /// `update` (add and update), `update-only`, or `sync` (the file is the whole list of `group`).
    pub mode: Option<String>,
    /// `sync` only, and required there: the group whose whole list the file is (1 to 64 characters).
    pub group: Option<String>,
    /// `sync`: what happens to the group's members who are not in the file: `remove` (default: out of the group)
    /// or `suspend`.
    pub missing: Option<String>,
    /// `sync`: how many removals (or suspensions) to allow past the safety threshold; without it, a sync that
    /// would remove more than `SYNC_MAX_REMOVALS_PERCENT` % of the group and more than 5 learners is a 422
    /// `sync.too_many_removals` (its detail says how many).
    pub allow_removals: Option<u32>,
    /// What an empty identifier, country or groups cell does to a known learner: `keep` (default) or `clear`.
    pub empty: Option<String>,
}

/// `GET /api/v1/imports/{id}`'s query parameters (the `id` is in the path). An unknown parameter or value is a 400.
#[derive(Clone, Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read by `super::params::Params`, which takes its names from here; declared for the document.
pub struct ImportReadParams {
    /// The language of the messages: `en`, `fr` or `de` (default: the `Accept-Language` header, else `en`).
    pub lang: Option<String>,
}

/// What became of one row of an import.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RowOutcome {
    pub row: u32,
    /// `created`, `updated`, `unchanged` or `skipped`.
    #[schema(example = "created")]
    pub outcome: String,
    /// Why the row was skipped (empty otherwise).
    pub problems: Vec<CellProblem>,
    /// An updated learner's changed values, old → new (empty otherwise).
    pub changes: Vec<ValueChange>,
}

/// One value an update changed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ValueChange {
    /// The column: `firstname`, ..., `groups` (`|`-separated names) or `status` (`active`, `suspended`).
    #[schema(example = "lastname")]
    pub column: String,
    pub old: String,
    pub new: String,
}

impl ValueChange {
    fn of(changes: &[rules::Change]) -> Vec<ValueChange> {
        changes
            .iter()
            .map(|c| ValueChange { column: c.column.as_str().to_owned(), old: c.old.clone(), new: c.new.clone() })
            .collect()
    }
}

/// What a roster import did besides adding and skipping (all 0 for an `add`).
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
pub struct RosterCounts {
    pub updated: u32,
    pub unchanged: u32,
    /// Members of the synced group not in the file, taken out of it.
    pub removed: u32,
    /// Members of the synced group not in the file, suspended.
    pub suspended: u32,
}

impl RosterCounts {
    fn of(counts: domain::RosterCounts) -> RosterCounts {
        RosterCounts {
            updated: counts.updated,
            unchanged: counts.unchanged,
            removed: counts.removed,
            suspended: counts.suspended,
        }
    }
}

/// The outcome of an import that ran.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ImportOutcome {
    /// The import's id: `GET /api/v1/imports/{id}`, and the history page.
    pub import_id: i64,
    pub created: u32,
    pub skipped: u32,
    #[serde(flatten)]
    pub counts: RosterCounts,
    pub rows: Vec<RowOutcome>,
}

impl ImportOutcome {
    pub fn of(answer: &domain::ConfirmAnswer, lang: Lang) -> Option<ImportOutcome> {
        Some(ImportOutcome {
            import_id: answer.import_id?,
            created: answer.created,
            skipped: answer.skipped,
            counts: RosterCounts::of(answer.counts),
            rows: answer.rows.iter().map(|r| row_outcome(r.row, r.outcome, &r.problems, &r.changes, lang)).collect(),
        })
    }
}

fn row_outcome(
    row: u32,
    outcome: domain::Outcome,
    problems: &[rules::Problem],
    changes: &[rules::Change],
    lang: Lang,
) -> RowOutcome {
    RowOutcome {
        row,
        outcome: match outcome {
            domain::Outcome::Created => "created",
            domain::Outcome::Updated => "updated",
            domain::Outcome::Unchanged => "unchanged",
            domain::Outcome::Skipped => "skipped",
        }
        .to_owned(),
        problems: problems.iter().map(|p| CellProblem::of(p, lang)).collect(),
        changes: ValueChange::of(changes),
    }
}

/// A file-level problem of the check report: its code and message.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FileProblem {
    pub code: String,
    pub message: String,
}

/// One row of the check report, with its values as the rules read them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckedRow {
    pub row: u32,
    /// The six columns' values, by column name.
    pub values: CheckedValues,
    pub errors: Vec<CellProblem>,
    pub warnings: Vec<CellProblem>,
}

/// A row's values, by column name.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckedValues {
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub identifier: String,
    pub country: String,
    pub language: String,
}

/// How many rows, and how many of them are valid.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Summary {
    pub total: u32,
    pub valid: u32,
    pub invalid: u32,
}

/// The dry run's answer: the report `server check --json` prints for the same file.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckReport {
    /// Why the whole file is refused; `null` when it was read.
    pub file_error: Option<FileProblem>,
    /// Problems of the file that do not stop it (a column ignored...).
    pub warnings: Vec<FileProblem>,
    pub rows: Vec<CheckedRow>,
    pub summary: Summary,
}

/// An invitation's counts for one import.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvitationCounts {
    pub queued: u32,
    pub sent: u32,
    pub failed: u32,
}

/// One row of an import as the import recorded it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ImportRow {
    pub row: u32,
    /// `created`, `updated`, `unchanged` or `skipped`.
    pub outcome: String,
    pub email: String,
    pub problems: Vec<CellProblem>,
    /// An updated learner's changed values, old → new.
    pub changes: Vec<ValueChange>,
}

/// An import of the history, with its rows.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ImportRecord {
    pub id: i64,
    /// The admin who imported (their email).
    pub admin: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub file_name: String,
    pub total: u32,
    /// Users the import created.
    pub added: u32,
    /// Rows skipped for errors in their values.
    pub with_errors: u32,
    /// Rows skipped because the portal already had the user.
    pub existing: u32,
    pub send_invitations: bool,
    pub invitations: InvitationCounts,
    /// `available` (until `undo_until`), `expired` or `done`.
    pub undo: String,
    pub undo_until: Option<String>,
    /// `add`, `update`, `update-only` or `sync`.
    pub mode: String,
    /// The group a `sync` made the file the whole list of.
    pub sync_group: Option<String>,
    #[serde(flatten)]
    pub counts: RosterCounts,
    pub rows: Vec<ImportRow>,
}

impl ImportRecord {
    pub fn of(detail: domain::ImportDetail, lang: Lang) -> ImportRecord {
        let s = detail.summary;
        let (undo, undo_until) = match s.undo {
            domain::UndoState::Available { until } => ("available", Some(until)),
            domain::UndoState::Expired => ("expired", None),
            domain::UndoState::Done { .. } => ("done", None),
        };
        ImportRecord {
            id: s.id,
            admin: s.admin_email,
            created_at: s.created_at,
            file_name: s.file_name,
            total: s.total,
            added: s.added,
            with_errors: s.with_errors,
            existing: s.existing,
            send_invitations: s.send_invitations,
            invitations: InvitationCounts {
                queued: s.invitations.queued,
                sent: s.invitations.sent,
                failed: s.invitations.failed,
            },
            undo: undo.to_owned(),
            undo_until,
            mode: s.mode.as_str().to_owned(),
            sync_group: s.sync_group,
            counts: RosterCounts::of(s.counts),
            rows: detail
                .rows
                .into_iter()
                .map(|r| {
                    let o = row_outcome(r.row, r.outcome, &r.problems, &r.changes, lang);
                    ImportRow {
                        row: o.row,
                        outcome: o.outcome,
                        email: r.email,
                        problems: o.problems,
                        changes: o.changes,
                    }
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/users`' filters, sort and cursor: the names of the Users page's address, read strictly. An unknown
/// parameter, one given twice or a value not described here is a 400 that names it (`super::params`), where the
/// page would quietly leave it out.
#[derive(Clone, Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read by `super::params::Params`, which takes its names from here; declared for the document.
pub struct UserListParams {
    /// A part of a first name, last name, email or identifier, accents and case aside (any text).
    pub q: Option<String>,
    /// `Pending`, `Active` or `Suspended`, spelled so.
    pub status: Option<String>,
    /// `queued`, `sent` or `failed`.
    pub invitation: Option<String>,
    /// A language code of ISO 639-1, in lower case (`fr`).
    pub language: Option<String>,
    /// A country code of ISO 3166-1 alpha-2, in upper case (`FR`).
    pub country: Option<String>,
    /// An import's id (a positive whole number): only the users it created.
    pub import: Option<i64>,
    /// A group's name, case and accents aside (`3b` finds `3B`): only its members. A name no group has is a 400
    /// (`GET /api/v1/groups` lists them).
    pub group: Option<String>,
    /// `created` (default), `name`, `email` or `status`.
    pub sort: Option<String>,
    /// `asc` or `desc` (default: newest first for `created`, A to Z for the others).
    pub dir: Option<String>,
    /// The `next` cursor of a previous answer with the same `sort`, unchanged. Not with `before`.
    pub after: Option<String>,
    /// The `previous` cursor of a previous answer with the same `sort`, unchanged. Not with `after`.
    pub before: Option<String>,
}

/// One user.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub identifier: Option<String>,
    pub country: Option<String>,
    pub language: String,
    /// `Pending` (invited, not activated yet), `Active` or `Suspended` (cannot sign in), as the export writes it.
    #[schema(example = "Active")]
    pub status: String,
    /// The names of the learner's groups, by name (an export's `groups` cell joins them with `|`).
    pub groups: Vec<String>,
    /// `queued`, `sending`, `sent` or `failed`; `null` when no invitation was ever queued.
    pub invitation: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// A page of users (50 at most).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UserPage {
    pub users: Vec<User>,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next: Option<String>,
    /// Pass as `before` for the previous page; `null` on the first page.
    pub previous: Option<String>,
    /// How many users the filter finds, counted up to 10,000.
    pub total: u64,
    /// True when there are more than `total` (counting stops at 10,000).
    pub total_is_lower_bound: bool,
}

impl UserPage {
    pub fn of(list: domain::UserList) -> UserPage {
        let (total, total_is_lower_bound) = match list.total {
            domain::Total::Exact(n) => (n, false),
            domain::Total::MoreThan(n) => (n, true),
        };
        UserPage {
            users: list
                .users
                .into_iter()
                .map(|u| User {
                    id: u.id,
                    firstname: u.firstname,
                    lastname: u.lastname,
                    email: u.email,
                    identifier: u.identifier,
                    country: u.country,
                    language: u.language,
                    status: u.status.as_str().to_owned(),
                    groups: u.groups,
                    invitation: u.invitation.map(|i| i.state.as_str().to_owned()),
                    created_at: u.created_at,
                })
                .collect(),
            next: list.next,
            previous: list.previous,
            total,
            total_is_lower_bound,
        }
    }
}

/// `GET /api/v1/groups` takes no parameters: any is a 400 that names it.
#[derive(Clone, Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupListParams {}

/// One group.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Group {
    pub id: i64,
    /// As first written (two names equal ignoring case and accents are one group).
    #[schema(example = "3B")]
    pub name: String,
    /// How many learners are members.
    pub members: u64,
}

/// Every group of the portal, by name.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct GroupList {
    pub groups: Vec<Group>,
}

impl GroupList {
    pub fn of(groups: Vec<domain::GroupRow>) -> GroupList {
        GroupList { groups: groups.into_iter().map(|g| Group { id: g.id, name: g.name, members: g.members }).collect() }
    }
}
