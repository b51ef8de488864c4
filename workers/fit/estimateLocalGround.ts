// Moved to core (the QA checks on the server need it too); kept here so the fit code's imports stand.
export * from "../../core/pointcloud/estimateLocalGround";
