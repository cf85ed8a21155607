//! `GET /api/v1/users`: the Users list, with the page's own filters, sorts and cursors, read strictly.

use axum::{
    extract::{RawQuery, State},
    response::{IntoResponse, Response},
    Json,
};
use domain::{InvitationState, Page, UserQuery, UserSort, UserStatus};

use app::state::AppState;

use super::params::{bad_value, Params};
use super::problem::Problem;
use super::schema::{UserListParams, UserPage};

/// A page of users (50 at most), filtered, searched and sorted.
///
/// The parameters are named as in the Users page's address, so a view bookmarked in the browser reads the same
/// here. Follow `next` (as `after`) for the next page. Unlike the page, the API refuses what it does not know: an
/// unknown parameter or value, a cursor it did not write, or a parameter given twice is a 400 that names it,
/// never a list of everyone.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    params(UserListParams),
    responses(
        (status = 200, description = "A page of users.", body = UserPage),
        (status = 400, description = "An unknown parameter, a value the parameter does not take, or a parameter given twice; `detail` names it.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token, or a wrong, expired or revoked one.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (mut query, group) = match user_query(query.as_deref()) {
        Ok(query) => query,
        Err(problem) => return problem.into_response(),
    };
    if let Some(name) = group {
        match service::groups::find_by_name(&state.db, &name).await {
            Ok(Some(group)) => query.group = Some(group.id),
            Ok(None) => return bad_value("group", UNKNOWN_GROUP).into_response(),
            Err(err) => {
                tracing::error!(error = %err, "API users list failed");
                return Problem::internal().into_response();
            }
        }
    }
    match service::users::list(&state.db, &query).await {
        Ok(list) => Json(UserPage::of(list)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "API users list failed");
            Problem::internal().into_response()
        }
    }
}

/// What `group` takes, said when it names no group.
const UNKNOWN_GROUP: &str = "the name of a group of the portal (case and accents aside): GET /api/v1/groups lists them";

/// The view a request's query asks for, and the group's name when one is asked for (the handler finds its id);
/// one line per parameter (its name must be a field of [`UserListParams`]).
fn user_query(query: Option<&str>) -> Result<(UserQuery, Option<String>), Problem> {
    let params = Params::read::<UserListParams>(query)?;
    let sort = params.one_of("sort", &UserSort::ALL, |s| s.as_str())?.unwrap_or_default();
    let descending = params.one_of("dir", &["asc", "desc"], |d| *d)?.map(|d| d == "desc");
    // A cursor carries the sort's key, so only a cursor written for this sort is one.
    let cursor = |name| {
        let accepts =
            format!("the `{}` cursor of an answer sorted by {}, unchanged", cursor_field(name), sort.as_str());
        params.parse(name, &accepts, |c| storage::users::decode_cursor(c, sort).map(|_| c.to_owned()))
    };
    let page = match (cursor("after")?, cursor("before")?) {
        (Some(_), Some(_)) => {
            return Err(Problem::bad_request("after and before cannot both be given: send one cursor, for one page."))
        }
        (Some(after), None) => Page::After(after),
        (None, Some(before)) => Page::Before(before),
        (None, None) => Page::First,
    };
    let group = params.parse("group", UNKNOWN_GROUP, rules::group_name)?;
    let query = UserQuery {
        search: params.text("q").unwrap_or_default().to_owned(),
        status: params.one_of("status", &UserStatus::ALL, |s| s.as_str())?,
        invitation: params.one_of(
            "invitation",
            &[InvitationState::Queued, InvitationState::Sent, InvitationState::Failed],
            |s| s.as_str(),
        )?,
        language: params.parse("language", "a language code of ISO 639-1 in lower case (fr)", |v| {
            rules::is_language(v).then(|| v.to_owned())
        })?,
        country: params.parse("country", "a country code of ISO 3166-1 in upper case (FR)", |v| {
            rules::is_country(v).then(|| v.to_owned())
        })?,
        import: params.id("import")?,
        group: None,
        sort,
        descending: descending.unwrap_or(app::users::address::default_descending(sort)),
        page,
    };
    Ok((query, group))
}

/// The answer's field a cursor parameter takes its value from.
fn cursor_field(name: &str) -> &'static str {
    if name == "after" {
        "next"
    } else {
        "previous"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(query: &str) -> String {
        user_query(Some(query)).expect_err("refused").detail
    }

    #[test]
    fn a_group_is_read_by_its_name_and_a_name_no_group_could_have_is_refused() {
        let (query, group) = user_query(Some("group=+3%C3%A8me+B+&status=Suspended")).expect("read");
        assert_eq!(group.as_deref(), Some("3ème B"));
        assert_eq!(query.status, Some(UserStatus::Suspended));
        assert_eq!(query.group, None, "the handler finds the id");
        for bad in ["group=", "group=a%7Cb", "group=a%07"] {
            assert!(detail(bad).starts_with("group must be the name of a group"), "{bad}");
        }
    }

    #[test]
    fn a_valid_query_reads_as_the_users_page_reads_it() {
        let queries = [
            "",
            "q=Zo%C3%A9+%26+co&status=Active&invitation=failed&language=fr&country=BE&import=12&sort=name&dir=desc\
             &after=41%3Adupont+marie",
            "sort=email&dir=asc&before=7%3Aa%40b",
            "sort=status&after=3%3APending",
            "after=120",
        ];
        for query in queries {
            let (strict, _) = user_query(Some(query)).unwrap_or_else(|p| panic!("{query}: {}", p.detail));
            assert_eq!(strict, app::users::address::from_query(query), "{query}");
        }
    }

    #[test]
    fn every_value_a_parameter_does_not_take_is_refused_by_name() {
        let cases = [
            ("status=gone", "status must be one of Pending, Active, Suspended."),
            ("status=pending", "status must be one of Pending, Active, Suspended."),
            ("invitation=lost", "invitation must be one of queued, sent, failed."),
            ("language=english", "language must be a language code of ISO 639-1 in lower case (fr)."),
            ("country=fr", "country must be a country code of ISO 3166-1 in upper case (FR)."),
            ("import=x", "import must be a positive whole number (an id)."),
            ("import=0", "import must be a positive whole number (an id)."),
            ("sort=evil", "sort must be one of created, name, email, status."),
            ("dir=up", "dir must be one of asc, desc."),
            ("after=zzz", "after must be the `next` cursor of an answer sorted by created, unchanged."),
            ("sort=name&before=12", "before must be the `previous` cursor of an answer sorted by name, unchanged."),
            ("after=", "after must be the `next` cursor of an answer sorted by created, unchanged."),
            ("after=4&before=9", "after and before cannot both be given: send one cursor, for one page."),
        ];
        for (query, expected) in cases {
            assert_eq!(detail(query), expected, "{query}");
        }
        assert!(detail("statut=Active").starts_with("Unknown parameter `statut`; this route accepts q, status,"));
    }
}
