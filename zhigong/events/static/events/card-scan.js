// The door's camera: read the member card's QR code with the browser's own BarcodeDetector
// (no library, nothing from a CDN) and submit its token. Where the browser has no
// BarcodeDetector or no camera, nothing shows and the typed card number works as before.
(function () {
  "use strict";
  function setUp(form) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    var box = form.querySelector(".card-scan");
    var start = form.querySelector("[data-card-scan-start]");
    var video = form.querySelector("[data-card-scan-video]");
    var token = form.querySelector("input[name=token]");
    if (!box || !start || !video || !token) { return; }
    box.hidden = false;
    start.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          return video.play().then(function () {
            function look() {
              detector.detect(video).then(function (codes) {
                if (codes.length) {
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  token.value = codes[0].rawValue;
                  form.submit();
                } else {
                  window.requestAnimationFrame(look);
                }
              }, function () { window.requestAnimationFrame(look); });
            }
            look();
          });
        })
        .catch(function () { box.hidden = true; });
    });
  }
  document.querySelectorAll("form[data-card-scan]").forEach(setUp);
})();
