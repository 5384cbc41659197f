/* practice Chamilo: the chat bar (stand-in of our own).  Opens the chat session once the page is
   ready (chat.ajax.php?action=startchatsession) and shows the user's chat status. */
(function ($) {
    'use strict';
    if (!$) { return; }
    $(function () {
        var page = window.practicePage || {};
        if (!page.loggedIn) { return; }
        $.ajax({url: page.web + 'main/inc/ajax/chat.ajax.php?action=startchatsession', cache: false, dataType: 'json'})
            .done(function (data) {
                var status = (data && data.me && data.me.status === 1) ? 'statusonline.png' : 'statusoffline.png';
                var box = $('#chat-status');
                box.empty().append($('<img>', {src: page.web + 'main/img/' + status, alt: '', width: 16, height: 16}));
            });
    });
})(window.jQuery);
