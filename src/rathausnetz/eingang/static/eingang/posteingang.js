// Drag and drop onto the upload form: the dropped files go into the file input, then the form is sent.
(function () {
  const zone = document.getElementById("hochladen");
  if (!zone) return;
  const feld = zone.querySelector('input[type="file"]');
  ["dragenter", "dragover"].forEach((art) =>
    zone.addEventListener(art, (ereignis) => {
      ereignis.preventDefault();
      zone.classList.add("ablagezone-aktiv");
    })
  );
  ["dragleave", "drop"].forEach((art) =>
    zone.addEventListener(art, () => zone.classList.remove("ablagezone-aktiv"))
  );
  zone.addEventListener("drop", (ereignis) => {
    ereignis.preventDefault();
    if (!ereignis.dataTransfer || !ereignis.dataTransfer.files.length) return;
    feld.files = ereignis.dataTransfer.files;
    zone.submit();
  });
})();

// Keyboard in one Eingang: "a" files it with the suggestion, "n" opens the next one.
(function () {
  document.addEventListener("keydown", (ereignis) => {
    const ziel = ereignis.target;
    if (ereignis.ctrlKey || ereignis.metaKey || ereignis.altKey) return;
    if (ziel && (ziel.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(ziel.tagName))) return;
    if (ereignis.key === "a") {
      const knopf = document.getElementById("ablegen-knopf");
      if (knopf) { ereignis.preventDefault(); knopf.click(); }
    } else if (ereignis.key === "n") {
      const weiter = document.getElementById("naechster-eingang");
      if (weiter) { ereignis.preventDefault(); weiter.click(); }
    }
  });
})();
