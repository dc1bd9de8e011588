//! N processes asking at once for the same missing entry make one chain of STS calls.

use super::*;

#[test]
fn sixteen_concurrent_cold_requests_make_one_chain() {
    let w = World::new();
    let children: Vec<_> = (0..16).map(|_| w.alice(&HELPER).spawn()).collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(o.stdout, outs[0].stdout);
    }
    assert_eq!(sts_count(&w, "AssumeRole"), 2, "{:?}", w.sts_actions());
    assert_eq!(w.sts_actions().len(), 2);
}

#[test]
fn concurrent_fresh_requests_each_acquire() {
    let w = World::new();
    let args = [&HELPER[..], &["--fresh"]].concat();
    let children: Vec<_> = (0..3).map(|_| w.alice(&args).spawn()).collect();
    for c in children {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    assert_eq!(sts_count(&w, "AssumeRole"), 6);
}
