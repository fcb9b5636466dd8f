//! The `slipwatch` command line.

fn main() {}
