//! The notifications page: the newest first, each leading to what it is
//! about (opening one marks it read), mark all read, and the choice of
//! which kinds to receive.

use super::bell::BellRefresh;
use super::link;
use crate::components::{error_of, loaded, ErrorBanner, Loading, Notice, PageTitle, SubmitButton};
use crate::i18n::use_t;
use crate::notifications::server_fns::{my_inbox, notification_settings, MarkRead, SaveNotificationSettings};
use crate::notifications::{Kind, Notification};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_t();
    let refresh = RwSignal::new(0u32);
    let bell = use_context::<BellRefresh>();
    let before = RwSignal::new(None::<i64>);
    let page = Resource::new(move || (before.get(), refresh.get()), |(before, _)| my_inbox(before));
    let mark = ServerAction::<MarkRead>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = mark.value().get() {
            refresh.update(|n| *n += 1);
            if let Some(BellRefresh(tick)) = bell {
                tick.update(|n| *n = n.wrapping_add(1));
            }
        }
    });
    view! {
        <Title text=t.notifications />
        <PageTitle title=t.notifications.to_string() />
        <section class="card">
            <ActionForm action=mark attr:class="inline-action">
                <SubmitButton label=t.notifications_mark_all pending=mark.pending() class="secondary" />
            </ActionForm>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(page.await, |inbox| {
                        if inbox.items.is_empty() {
                            return view! { <p class="empty" data-testid="notifications-empty">{t.notifications_empty}</p> }.into_any();
                        }
                        let next = inbox.next;
                        view! {
                            <ul class="notifications" data-testid="notifications">
                                {inbox.items.into_iter().map(|n| view! { <Item n mark /> }).collect_view()}
                            </ul>
                            {next.map(|id| view! { <button type="button" class="secondary" on:click=move |_| before.set(Some(id))>{t.notifications_older}</button> })}
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
        <SettingsForm />
    }
}

#[component]
fn Item(n: Notification, mark: ServerAction<MarkRead>) -> impl IntoView {
    let t = use_t();
    let when = crate::orders::pages::show_instant(n.at);
    let id = n.id;
    view! {
        <li class:unread=!n.read data-testid="notification">
            <a href=link(&n) on:click=move |_| { mark.dispatch(MarkRead { id: Some(id) }); }>{t.notification(&n)}</a>
            " "<small class="muted">{when}</small>
            {(!n.read).then(|| view! {
                <ActionForm action=mark attr:class="inline-action">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="link">{t.notifications_mark_read}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// One checkbox per kind: checked is received.
#[component]
fn SettingsForm() -> impl IntoView {
    let t = use_t();
    let save = ServerAction::<SaveNotificationSettings>::new();
    let current = Resource::new(move || save.version().get(), |_| notification_settings());
    let error = error_of(save.value());
    let saved = Signal::derive(move || matches!(save.value().get(), Some(Ok(_))));
    view! {
        <section class="card">
            <h2>{t.notifications_settings}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    loaded(current.await, |settings| view! {
                        <ActionForm action=save attr:class="stack" attr:data-testid="notification-settings">
                            {Kind::ALL.into_iter().filter(|k| k.notifies()).enumerate().map(|(i, k)| view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("receive[{i}]") value=k.as_str() checked={!settings.muted.contains(&k)} />
                                    {t.notification_kind(k)}
                                </label>
                            }).collect_view()}
                            <ErrorBanner error=error />
                            <Notice show=saved text=t.notifications_saved />
                            <SubmitButton label=t.save pending=save.pending() />
                        </ActionForm>
                    }.into_any())
                })}
            </Suspense>
        </section>
    }
}
