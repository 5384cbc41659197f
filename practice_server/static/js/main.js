/*
 * Practice Chamilo page helpers (served as /web/build/main.english.js and main.french.js, after a
 * line defining CHAMILO_LANG).  Plain JS: pages keep working when the vendor libraries are absent.
 */
(function (win, doc) {
    'use strict';
    var L = win.CHAMILO_LANG || {ConfirmYourChoice: 'Please confirm your choice'};

    function checkboxesOfType(type) {
        var prefix = 'resource[' + type + ']';
        var boxes = doc.querySelectorAll('input[type=checkbox]');
        var out = [];
        for (var i = 0; i < boxes.length; i++) {
            if ((boxes[i].name || '').indexOf(prefix) === 0) { out.push(boxes[i]); }
        }
        return out;
    }

    /* setCheckbox('document', true) ticks every resource[document][...] box (CourseSelectForm);
       setCheckbox(true, 'form_id') ticks every checkbox of that form (sortable tables). */
    win.setCheckbox = function (first, second) {
        var boxes, value, i;
        if (typeof first === 'boolean') {
            value = first;
            var form = doc.getElementById(second);
            boxes = form ? form.querySelectorAll('input[type=checkbox]') : [];
        } else {
            value = !!second;
            boxes = checkboxesOfType(first);
        }
        for (i = 0; i < boxes.length; i++) { boxes[i].checked = value; }
        return false;
    };

    /* exp('document') shows or hides the list div_document and swaps its +/- icon. */
    win.exp = function (type) {
        var list = doc.getElementById('div_' + type);
        var icon = doc.getElementById('img_' + type);
        if (!list) { return; }
        var hidden = list.style.display === 'none';
        list.style.display = hidden ? 'block' : 'none';
        if (icon) {
            icon.className = icon.className.replace(/fa-(plus|minus)-square-o/, hidden ? 'fa-minus-square-o' : 'fa-plus-square-o');
        }
    };

    /* checkLearnPath(msg): warn when learning paths or tests are ticked (their documents come too). */
    win.checkLearnPath = function (message) {
        var types = ['learnpath', 'quiz'];
        for (var t = 0; t < types.length; t++) {
            var boxes = checkboxesOfType(types[t]);
            for (var i = 0; i < boxes.length; i++) {
                if (boxes[i].checked) { win.alert(message); return true; }
            }
        }
        return true;
    };

    /* addProgress('form_id'): show the form's loading indicator while the server works. */
    win.addProgress = function (formId) {
        var loading = doc.getElementById('loading_div_' + formId) || doc.getElementById('dynamic_div');
        if (loading) { loading.style.display = 'block'; }
        return true;
    };

    /* action_click(link, 'form_id'): confirm, then submit the form with action = link's data-action. */
    win.action_click = function (el, formId) {
        if (!win.confirm(L.ConfirmYourChoice)) { return false; }
        var form = doc.getElementById(formId);
        if (!form) { return false; }
        var input = form.querySelector('input[name=action]');
        if (!input) {
            input = doc.createElement('input');
            input.type = 'hidden';
            input.name = 'action';
            form.appendChild(input);
        }
        input.value = el.getAttribute('data-action');
        form.submit();
        return false;
    };

    win.goBack = function () { win.history.back(); };

    /* The calls a Chamilo page makes once ready: the session clock (again every minute), and for
       a logged-in user the users-online count and the unread-message count (chat.js opens the
       chat session). */
    var CLOCK_EVERY_MS = 60000;

    function ajaxGet(path, done) {
        var page = win.practicePage || {web: '/'};
        var $ = win.jQuery;
        if ($ && $.ajax) {
            $.ajax({url: page.web + path, cache: true}).done(function (data) { if (done) { done(data); } });
        }
    }

    function sessionClock() { ajaxGet('main/inc/ajax/session_clock.ajax.php?action=time'); }

    doc.addEventListener('DOMContentLoaded', function () {
        var $ = win.jQuery;
        var page = win.practicePage || {};
        if ($ && $.fn && $.fn.selectpicker) {
            $('select.selectpicker').selectpicker();
        }
        sessionClock();
        win.setInterval(sessionClock, CLOCK_EVERY_MS);
        if (page.loggedIn) {
            ajaxGet('main/inc/ajax/online.ajax.php?a=get_users_online', function (html) {
                var box = doc.getElementById('users-online');
                if (box) { box.innerHTML = html; }
            });
            ajaxGet('main/inc/ajax/message.ajax.php?a=get_count_message', function (count) {
                var n = parseInt(count, 10);
                if (n > 0 && $) { $('#users-online').after(' <span class="badge">' + n + '</span>'); }
            });
        }
    });
})(window, document);
