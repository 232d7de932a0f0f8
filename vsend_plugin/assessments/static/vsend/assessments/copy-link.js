// A "Copy link" button for the field it names (data-vsend-copy), shown only where it works.
for (const button of document.querySelectorAll("[data-vsend-copy]")) {
  const field = document.getElementById(button.dataset.vsendCopy);
  const status = document.getElementById(`${button.dataset.vsendCopy}-copied`);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(field.value);
    if (status) status.textContent = "Link copied.";
  });
}
