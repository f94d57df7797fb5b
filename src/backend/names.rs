//! Naming the users and devices that issued certificates give by id only (EPMM's V2 search gives
//! numeric user and device ids and the device's UUID: EPMM V2 certificate guide,
//! "Search/Retrieve certificate details"), for the rows on screen only: each device and each user
//! is looked up once for the session, a few calls at a time; a lookup that failed is not
//! remembered (it is asked again when its row is shown again); nothing is asked for rows not
//! shown, so a long list never costs a call per row.

use crate::backend::ApiError;
use crate::domain::certificates::issued::{Certificate, Named, Names};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, MutexGuard};

/// Lookups in flight at once.
pub const AT_ONCE: usize = 4;

/// A device as its lookup describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceFacts {
    pub named: Named,
    /// Its user's login name.
    pub user: String,
}

/// A user as their lookup describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFacts {
    /// The id certificates carry for this user.
    pub id: String,
    pub named: Named,
}

enum Entry<T> {
    /// A lookup is on its way (another page asking for it waits for nothing: it shows the id).
    Asking,
    /// The answer: `None` when the server has no such device or user.
    Known(Option<T>),
}

type Book<T> = Mutex<HashMap<String, Entry<T>>>;

/// What the lookups found so far, for the session.
#[derive(Default)]
pub struct NameBook {
    /// By device UUID (lower case).
    devices: Book<DeviceFacts>,
    /// By login name (lower case).
    users: Book<UserFacts>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Keys this caller looks up: marked as asked for until answered; released if the lookup is
/// dropped half-way (the screen was left), so that they are asked again later.
struct Claim<'a, T> {
    book: &'a Book<T>,
    keys: Vec<String>,
}

impl<'a, T> Claim<'a, T> {
    /// The keys among `wanted` nobody has asked for yet (each once).
    fn new(book: &'a Book<T>, wanted: impl Iterator<Item = String>) -> Self {
        let mut m = lock(book);
        let mut keys = Vec::new();
        for k in wanted.filter(|k| !k.is_empty()) {
            if !m.contains_key(&k) {
                m.insert(k.clone(), Entry::Asking);
                keys.push(k);
            }
        }
        Claim { book, keys }
    }

    /// Looks the keys up, [`AT_ONCE`] at a time; remembers the answers, forgets the failures.
    async fn fetch<F, Fut>(&self, look: F)
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<Option<T>, ApiError>>,
    {
        for chunk in self.keys.chunks(AT_ONCE) {
            let answers = futures::future::join_all(chunk.iter().map(|k| look(k.clone()))).await;
            let mut m = lock(self.book);
            for (k, a) in chunk.iter().zip(answers) {
                match a {
                    Ok(found) => m.insert(k.clone(), Entry::Known(found)),
                    Err(_) => m.remove(k),
                };
            }
        }
    }
}

impl<T> Drop for Claim<'_, T> {
    fn drop(&mut self) {
        let mut m = lock(self.book);
        for k in &self.keys {
            if matches!(m.get(k), Some(Entry::Asking)) {
                m.remove(k);
            }
        }
    }
}

impl NameBook {
    /// Names the devices and users of `certs`: `device` looks a device up by its UUID, `user` a
    /// user by login name (`Ok(None)`: the server has none). A certificate's user is named when
    /// the user of its device is that user (the user's lookup gives the id the certificate
    /// carries); a certificate without a device UUID, or issued to someone else than its device's
    /// user, keeps its ids.
    pub async fn name<D, DF, U, UF>(&self, certs: &[Certificate], device: D, user: U) -> Names
    where
        D: Fn(String) -> DF,
        DF: Future<Output = Result<Option<DeviceFacts>, ApiError>>,
        U: Fn(String) -> UF,
        UF: Future<Output = Result<Option<UserFacts>, ApiError>>,
    {
        let devices = Claim::new(&self.devices, certs.iter().map(|c| key(&c.device_uuid)));
        devices.fetch(device).await;
        drop(devices);
        let logins: Vec<String> = {
            let known = lock(&self.devices);
            certs
                .iter()
                .filter_map(|c| match known.get(&key(&c.device_uuid)) {
                    Some(Entry::Known(Some(d))) => Some(key(&d.user)),
                    _ => None,
                })
                .collect()
        };
        let users = Claim::new(&self.users, logins.into_iter());
        users.fetch(user).await;
        drop(users);
        self.known(certs)
    }

    /// What is known of `certs`' devices and users.
    fn known(&self, certs: &[Certificate]) -> Names {
        let devices = lock(&self.devices);
        let users = lock(&self.users);
        let mut names = Names::default();
        for c in certs {
            let Some(Entry::Known(Some(d))) = devices.get(&key(&c.device_uuid)) else {
                continue;
            };
            names.devices.insert(c.device_uuid.clone(), d.named.clone());
            if let Some(Entry::Known(Some(u))) = users.get(&key(&d.user)) {
                if u.id == c.user_id.trim() {
                    names.users.insert(c.user_id.clone(), u.named.clone());
                }
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;
    use std::cell::{Cell, RefCell};
    use std::task::Poll;

    fn cert(id: &str, user: &str, device: &str) -> Certificate {
        let mut c = crate::domain::certificates::issued::sample_certificate();
        c.id = id.into();
        c.user_id = user.into();
        c.device_uuid = device.into();
        c
    }

    fn named(name: &str, key: &str) -> Named {
        Named {
            name: name.into(),
            key: key.into(),
        }
    }

    /// Yields once before answering, so that the lookups of one batch are in flight together.
    async fn yield_once() {
        let mut yielded = false;
        futures::future::poll_fn(|cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await
    }

    /// A server of devices `d-N` (owned by `uN`) and users `uN` (id `9000+N`), counting calls and
    /// the most lookups in flight at once; `fail` makes lookups fail.
    struct Server {
        calls: RefCell<Vec<String>>,
        in_flight: Cell<usize>,
        most: Cell<usize>,
        fail: Cell<bool>,
    }

    impl Server {
        fn new() -> Server {
            Server {
                calls: RefCell::default(),
                in_flight: Cell::new(0),
                most: Cell::new(0),
                fail: Cell::new(false),
            }
        }
        async fn answer<T>(&self, call: String, found: Option<T>) -> Result<Option<T>, ApiError> {
            self.calls.borrow_mut().push(call);
            self.in_flight.set(self.in_flight.get() + 1);
            self.most.set(self.most.get().max(self.in_flight.get()));
            yield_once().await;
            self.in_flight.set(self.in_flight.get() - 1);
            if self.fail.get() {
                return Err(ApiError::network("offline".to_string()));
            }
            Ok(found)
        }
        async fn device(&self, uuid: String) -> Result<Option<DeviceFacts>, ApiError> {
            let n = uuid.strip_prefix("d-").map(str::to_string);
            let found = n.map(|n| DeviceFacts {
                named: named(&format!("Phone {n}"), &uuid),
                user: format!("U{n}"),
            });
            self.answer(format!("device {uuid}"), found).await
        }
        async fn user(&self, login: String) -> Result<Option<UserFacts>, ApiError> {
            let n: Option<i64> = login.strip_prefix('u').and_then(|n| n.parse().ok());
            let found = n.map(|n| UserFacts {
                id: (9000 + n).to_string(),
                named: named(&format!("User {n}"), &login),
            });
            self.answer(format!("user {login}"), found).await
        }
        fn calls(&self) -> Vec<String> {
            self.calls.take()
        }
    }

    fn name(book: &NameBook, server: &Server, certs: &[Certificate]) -> Names {
        block_on(book.name(certs, |u| server.device(u), |l| server.user(l)))
    }

    #[test]
    fn a_page_costs_one_lookup_per_device_and_user_and_a_second_look_none() {
        let (book, server) = (NameBook::default(), Server::new());
        // Two certificates on one device (two configurations), one on another.
        let page = [
            cert("1", "9001", "d-1"),
            cert("2", "9001", "D-1"),
            cert("3", "9002", "d-2"),
        ];
        let names = name(&book, &server, &page);
        assert_eq!(
            server.calls(),
            ["device d-1", "device d-2", "user u1", "user u2"]
        );
        assert_eq!(names.devices["d-1"], named("Phone 1", "d-1"));
        assert_eq!(names.devices["D-1"], named("Phone 1", "d-1"));
        assert_eq!(names.users["9001"], named("User 1", "u1"));
        assert_eq!(names.users["9002"], named("User 2", "u2"));
        // Shown again (another sort, back to this page): remembered, no call.
        assert_eq!(name(&book, &server, &page), names);
        assert!(server.calls().is_empty());
    }

    #[test]
    fn lookups_go_a_few_at_a_time() {
        let (book, server) = (NameBook::default(), Server::new());
        let page: Vec<Certificate> = (1..=10)
            .map(|n| cert(&n.to_string(), &(9000 + n).to_string(), &format!("d-{n}")))
            .collect();
        let names = name(&book, &server, &page);
        assert_eq!(names.devices.len(), 10);
        assert_eq!(names.users.len(), 10);
        assert_eq!(server.calls().len(), 20);
        assert_eq!(server.most.get(), AT_ONCE);
    }

    #[test]
    fn only_the_ids_a_lookup_confirms_are_named() {
        let (book, server) = (NameBook::default(), Server::new());
        let page = [
            // Issued to user 9005, on u1's device: the device is named, the user keeps the id.
            cert("1", "9005", "d-1"),
            // No device UUID (the guide's sample has `"deviceUUid": null`): nothing to ask.
            cert("2", "9002", ""),
            // A device the server does not know.
            cert("3", "9003", "gone"),
        ];
        let names = name(&book, &server, &page);
        assert_eq!(server.calls(), ["device d-1", "device gone", "user u1"]);
        assert_eq!(names.devices.len(), 1);
        assert!(names.users.is_empty());
        // "No such device" is an answer: not asked again.
        name(&book, &server, &page);
        assert!(server.calls().is_empty());
    }

    #[test]
    fn a_failed_lookup_is_asked_again_later() {
        let (book, server) = (NameBook::default(), Server::new());
        let page = [cert("1", "9001", "d-1")];
        server.fail.set(true);
        assert!(name(&book, &server, &page).is_empty());
        assert_eq!(server.calls(), ["device d-1"]);
        server.fail.set(false);
        let names = name(&book, &server, &page);
        assert_eq!(server.calls(), ["device d-1", "user u1"]);
        assert_eq!(names.users["9001"].name, "User 1");
    }

    #[test]
    fn a_lookup_left_half_way_is_released() {
        let (book, server) = (NameBook::default(), Server::new());
        let page = [cert("1", "9001", "d-1")];
        {
            // The screen is left while the device is being looked up: the future is dropped.
            let mut fut = Box::pin(book.name(&page, |u| server.device(u), |l| server.user(l)));
            let waker = futures::task::noop_waker();
            let mut cx = std::task::Context::from_waker(&waker);
            assert!(fut.as_mut().poll(&mut cx).is_pending());
        }
        assert_eq!(server.calls(), ["device d-1"]);
        // Asked again next time, and named.
        assert_eq!(name(&book, &server, &page).devices.len(), 1);
        assert_eq!(server.calls(), ["device d-1", "user u1"]);
    }
}
