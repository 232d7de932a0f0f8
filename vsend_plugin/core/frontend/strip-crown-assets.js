// The footer's Crown copyright logo points at the crest image, which is for
// GOV.UK only and which we do not ship; drop the reference so that hashed
// static storage (collectstatic) finds every file the stylesheet names.
const fs = require("fs");
const path = process.argv[2];
const css = fs.readFileSync(path, "utf8");
fs.writeFileSync(path, css.replace(/(background-image|-webkit-mask-image|mask-image):url\("assets\/images\/govuk-crest\.svg"\);?/g, ""));
