//! aws-login attacked as a hostile user, file and server would attack it. One
//! module per class of defect; each test drives real shells, the real `aws` CLI or the
//! emulator serving hostile values, and failed on the code before the fix.

pub mod completion;
mod files;
mod ini;
mod output;
mod secrets;
