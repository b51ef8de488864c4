// Moved to core (the built-in pre-labeler in core/prelabel needs it too); kept here so the fit code's imports stand.
export * from "../../core/fit/searchRectangleAngle";
