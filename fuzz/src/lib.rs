//! The bodies of the fuzz targets (see [`targets`]), shared with the stable corpus replay.

pub mod targets;
