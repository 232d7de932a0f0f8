// Starts every GOV.UK Frontend component on the page (a static file rather than
// an inline script, so the Content-Security-Policy needs no 'unsafe-inline').
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";

initAll();
