//! Files on the server: where the bytes live (`storage`), their rows
//! (`store`), reading a multipart upload with bounds (`form`), and the
//! service that ties them to an account (`service`).

pub mod form;
pub mod service;
pub mod storage;
pub mod store;

pub use storage::Files;
