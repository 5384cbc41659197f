/* practice Chamilo: upload helpers (stand-in of our own) */
function practiceShowUploadProgress(formId) { var d = document.getElementById('loading_div_' + formId); if (d) { d.style.display = 'block'; } return true; }
