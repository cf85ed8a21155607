//! The Users list's view in the address: `/?q=dupont&status=Pending&group=7&sort=name&dir=asc&after=...`.
//! Written when the admin changes the view and read when the page opens (or the back button moves), so a view can
//! be bookmarked and shared. Parameters left out mean the default view (everyone, newest first).

use domain::{InvitationState, Page, UserQuery, UserSort, UserStatus};

/// The view an address's query string (without `?`) describes; anything unknown or malformed is left out.
pub fn from_query(query: &str) -> UserQuery {
    let mut view = UserQuery::default();
    let mut dir = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.into_owned();
        match key.as_ref() {
            "q" => view.search = value,
            "status" => view.status = UserStatus::parse(&value),
            "invitation" => view.invitation = InvitationState::parse(&value),
            "language" if rules::is_language(&value) => view.language = Some(value),
            "country" if rules::is_country(&value) => view.country = Some(value),
            "import" => view.import = value.parse().ok(),
            "group" => view.group = value.parse().ok().filter(|id: &i64| *id > 0),
            "sort" => view.sort = UserSort::parse(&value).unwrap_or_default(),
            "dir" => dir = Some(value != "asc"),
            "after" if !value.is_empty() => view.page = Page::After(value),
            "before" if !value.is_empty() => view.page = Page::Before(value),
            _ => {}
        }
    }
    view.descending = dir.unwrap_or(default_descending(view.sort));
    view
}

/// Newest first for the created date; A to Z for the others.
pub fn default_descending(sort: UserSort) -> bool {
    sort == UserSort::Created
}

/// The address of a view: `/` and its query string, with only what differs from the default.
pub fn to_href(view: &UserQuery) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !view.search.trim().is_empty() {
        query.append_pair("q", &view.search);
    }
    if let Some(status) = view.status {
        query.append_pair("status", status.as_str());
    }
    if let Some(state) = view.invitation {
        query.append_pair("invitation", state.as_str());
    }
    if let Some(language) = &view.language {
        query.append_pair("language", language);
    }
    if let Some(country) = &view.country {
        query.append_pair("country", country);
    }
    if let Some(import) = view.import {
        query.append_pair("import", &import.to_string());
    }
    if let Some(group) = view.group {
        query.append_pair("group", &group.to_string());
    }
    if view.sort != UserSort::Created {
        query.append_pair("sort", view.sort.as_str());
    }
    if view.descending != default_descending(view.sort) {
        query.append_pair("dir", if view.descending { "desc" } else { "asc" });
    }
    match &view.page {
        Page::First => {}
        Page::After(cursor) => {
            query.append_pair("after", cursor);
        }
        Page::Before(cursor) => {
            query.append_pair("before", cursor);
        }
    }
    let query = query.finish();
    if query.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_goes_through_its_address_unchanged() {
        let views = [
            UserQuery::default(),
            UserQuery {
                search: "Zoé & co".into(),
                status: Some(UserStatus::Active),
                invitation: Some(InvitationState::Failed),
                language: Some("fr".into()),
                country: Some("BE".into()),
                import: Some(12),
                group: Some(7),
                sort: UserSort::Name,
                descending: true,
                page: Page::After("41:dupont marie".into()),
            },
            UserQuery {
                sort: UserSort::Email,
                descending: false,
                page: Page::Before("7:a@b".into()),
                ..Default::default()
            },
        ];
        for view in views {
            let href = to_href(&view);
            assert_eq!(from_query(href.trim_start_matches('/').trim_start_matches('?')), view, "{href}");
        }
        assert_eq!(to_href(&UserQuery::default()), "/");
    }

    #[test]
    fn unknown_or_malformed_parameters_are_left_out() {
        let view = from_query("status=Sleeping&language=english&country=fr&import=x&group=3B&sort=age&after=");
        assert_eq!(view, UserQuery::default());
    }
}
