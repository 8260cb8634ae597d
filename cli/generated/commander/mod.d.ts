// The types of @commander-js/extra-typings (commander's API with inferred option and argument types) for
// the copy of commander's JavaScript in this folder (scripts/vendor_commander.ts).
export * from "commander-typings";
