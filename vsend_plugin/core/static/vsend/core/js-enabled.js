// Runs at the top of <body>, before anything is drawn: GOV.UK Frontend's styles
// for components with JavaScript apply only with these classes.
document.body.className += " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
