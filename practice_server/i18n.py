"""EN/FR interface strings of the practice Chamilo.

Values are Chamilo 1.11.32's own language variables, copied from ../shared/chamilo/strings.md
(``get_lang('X')`` → ``STRINGS['X']``).  The few marked "(page)" were read on the captured pages
because strings.md does not list them.  Add a key here before using it in a template:
``{{ _('CreateBackup') }}`` in Jinja, ``t('CreateBackup', lang)`` in Python.
"""

from __future__ import annotations

LANGS = ("en", "fr")
# Chamilo language folder name <-> isocode
LANG_NAMES = {"english": "en", "french": "fr"}
ISO_TO_NAME = {v: k for k, v in LANG_NAMES.items()}
# The login page's language menu (folder, flag, name), as both 1.11.16 and 1.11.32 show it
# (captures fr/53b, fr/01a: UI-REFERENCE §18). Only English and French pages exist here: choosing
# another language leaves the page as it was.
LANGUAGE_MENU: tuple[tuple[str, str, str], ...] = (
    ("bulgarian", "bg", "Български"), ("greek", "gr", "Ελληνικά"), ("indonesian", "id", "Bahasa Indonesia"),
    ("bosnian", "ba", "Bosanski"), ("german", "de", "Deutsch"), ("english", "gb", "English"),
    ("spanish", "es", "Español"), ("basque", "es", "Euskara"), ("french", "fr", "Français"),
    ("galician", "es", "Galego"), ("italian", "it", "Italiano"), ("latvian", "lv", "Latviešu"),
    ("hungarian", "hu", "Magyar"), ("dutch", "nl", "Nederlands"), ("polish", "pl", "Polski"),
    ("brazilian", "br", "Português do Brasil"), ("portuguese", "pt", "Português europeu"),
    ("slovak", "sk", "Slovenčina"), ("slovenian", "si", "Slovenščina"), ("tagalog", "tl", "Tagalog"),
)

STRINGS: dict[str, tuple[str, str]] = {
    'UserName': ('Username', "Nom d'utilisateur"),
    'Pass': ('Pass', 'Mot de passe'),
    'LoginEnter': ('Login', "S'identifier"),
    'InvalidId': ('Login failed - incorrect login or password.', "Cet identifiant n'est pas valide."),
    'ThisFieldIsRequired': ('Required field', 'Information requise'),
    'SignUp': ('Sign up!', 'Inscrivez-vous!'),
    'LostPassword': ('I lost my password', 'Mot de passe perdu'),
    'Homepage': ('Homepage', "Page d'accueil"),
    'CampusHomepage': ('Homepage', "Page d'accueil"),
    'MyCourses': ('My courses', 'Mes cours'),
    'MyAgenda': ('Personal agenda', 'Agenda perso'),
    'MySpace': ('Reporting', 'Suivi'),
    'SocialNetwork': ('Social network', 'Réseau social'),
    'Inbox': ('Inbox', 'Boîte de réception'),
    'MyCertificates': ('My certificates', 'Mes certificats'),
    'Logout': ('Logout', 'Quitter'),
    'Authoring': ('Authoring', 'Production'),
    'Interaction': ('Interaction', 'Interaction'),
    'Administration': ('Administration', 'Administration'),
    'AddCustomCourseIntro': ('You may add an introduction to this course here by clicking the edition icon', "Vous pouvez ajouter une introduction à votre cours dans cette section en cliquant sur l'icône d'édition"),
    'AddIntro': ('Add an introduction text', "Ajouter un texte d'introduction"),
    'CustomizeIcons': ('Customize icons', 'Changer les icônes'),
    'PleaseStandBy': ('Please stand by...', 'Veuillez patienter...'),
    'SwitchToStudentView': ('Switch to student view', 'Passer en vue apprenant'),
    'Activate': ('Activate', 'Activer'),
    'Deactivate': ('Deactivate', 'Désactiver'),
    'ToolCourseDescription': ('Course description', 'Description de cours'),
    'ToolDocument': ('Documents', 'Documents'),
    'ToolLearnpath': ('Learning path', 'Parcours'),
    'ToolLink': ('Links', 'Liens'),
    'ToolQuiz': ('Tests', 'Exercices'),
    'ToolAnnouncement': ('Announcements', 'Annonces'),
    'ToolGradebook': ('Assessments', 'Cahier de notes'),
    'ToolGlossary': ('Glossary', 'Glossaire'),
    'ToolAttendance': ('Attendances', 'Présences'),
    'ToolCourseProgress': ('Course progress', 'Progression du cours'),
    'ToolCalendarEvent': ('Agenda', 'Agenda'),
    'ToolForum': ('Forums', 'Forum'),
    'ToolDropbox': ('Dropbox', 'Partage de documents'),
    'ToolUser': ('Users', 'Utilisateurs'),
    'ToolGroup': ('Groups', 'Groupes'),
    'ToolStudentPublication': ('Assignments', 'Travaux'),
    'ToolSurvey': ('Surveys', 'Enquêtes'),
    'ToolWiki': ('Wiki', 'Wiki'),
    'ToolNotebook': ('Notebook', 'Notes personnelles'),
    'ToolBlogManagement': ('Projects', 'Blogs'),
    'ToolTracking': ('Reporting', 'Suivi'),
    'ToolCourseSetting': ('Settings', 'Paramètres'),
    'ToolCourseMaintenance': ('Backup', 'Maintenance'),
    'Maintenance': ('Backup', 'Maintenance'),
    'Backup': ('Backup and import', 'Sauvegarder et importer'),
    'CreateBackup': ('Create a backup', 'Créer une sauvegarde'),
    'CreateBackupInfo': ('Create a backup. You can select the learning objects to integrate in the backup file.', 'Créer un fichier de sauvegarde de ce cours. Vous pouvez sélectionner les sections du cours que vous voulez sauver dans ce fichier.'),
    'ImportBackup': ('Import backup', 'Importer les informations de sauvegarde'),
    'ImportBackupInfo': ('Import a backup. You will be able to upload a backup file from you local drive or you can use a backup file available on the server.', 'Importer un cours existant. Vous pouvez charger un fichier de sauvegarde depuis votre ordinateur ou choisir un des fichiers de sauvegarde qui se trouve sur le serveur.'),
    'ImportFromMoodle': ('Import from Moodle', 'Importer depuis Moodle'),
    'ImportFromMoodleInfo': ('Import a Moodle course backup file (.mbz) into this Chamilo course', 'Importer un fichier de sauvegarde de cours de Moodle (.mbz) dans ce cours de Chamilo'),
    'ExportToMoodle': ('Export to Moodle', 'Exporter vers Moodle'),
    'ExportToMoodleInfo': ("Export the course contents directly to Moodle's .mbz format, ready for import into a Moodle portal", 'Exporter les contenus du cours directement vers le format .mbz de Moodle, prêt à importer dans un portail Moodle'),
    'CopyCourse': ('Copy course', 'Copier un cours'),
    'DescriptionCopyCourse': ('Duplicate the course or some learning objects in another course. You need 2 courses to use this feature: an original course and a target course.', "Chamilo introduit la possibilité de dupliquer tout ou partie d'un cours existant vers un autre, qui peut être initialement vide.<br />Le seul préalable à cette manipulation est de disposer d'un cours contenant des documents, annonces, forums, ... et d'un second cours ne contenant pas les éléments du premier !"),
    'IMSCC13': ('IMS Common Cartridge v1.3', 'IMS Common Cartridge v1.3'),
    'ExportCcVersion13': ('Export Common Cartridge v1.3', 'Exporter à Common Cartridge v1.3'),
    'ExportCcVersion13Info': ('Export your course content in the IMS Common Cartridge 1.3 format, to share it on other platforms.', "Exporter le contenu de votre course au format IMS Common Cartridge v1.3, pour le partager avec d'autres plateformes qui supportent ce format."),
    'ImportCcVersion13': ('Import Common Cartridge v1.3', 'Importer depuis Common Cartridge v1.3'),
    'ImportCcVersion13Info': ('Import a course in IMS Common Cartridge 1.3 format, from another platform compatible with this format. The version is important.', 'Importer un cours au format IMS Common Cartridge v1.3, depuis une autre plateforme qui supporte ce format. La version est importante.'),
    'recycle_course': ('Empty this course', 'Vider ce cours'),
    'DescriptionRecycleCourse': ('This tool empties the course. It removes documents, forums, links. And allows you to select what parts you want to remove or decide to remove the whole.', "Cet outil vide le cours des éléments sélectionnés, ou de l'ensemble des éléments qu'il contient. Il supprime les documents, les forums, liens... Cette procédure peut être mise en oeuvre à l'issue d'une formation, ou d'une année universitaire.<br />Bien entendu, avant de vider le cours, vous aurez pris soin d'effectuer une sauvegarde complète !"),
    'DelCourse': ('Completely delete this course', 'Détruire ce cours de manière définitive'),
    'DescriptionDeleteCourse': ("Click on this link for a full removal of the course from the server.<br /><br />Be carefull, there's no way back!", "Cliquez sur ce lien afin d'éliminer toute trace du cours sur le serveur.<br /><br />Cette fonctionnalité est à manier avec une extrême précaution !"),
    'SelectOptionForBackup': ('Please select a backup option', 'Veuillez sélectionner une option de sauvegarde.'),
    'CreateFullBackup': ('Create a complete backup of this course', 'Faire un sauvegarde complète de ce cours'),
    'LetMeSelectItems': ('Let me select learning objects', 'Me laisser sélectionner les sections de cours.'),
    'BackupCreated': ('The backup has been created. The download of this file will start in a few moments. If your download does not start, click the following link', 'La sauvegarde (backup) de ce cours a été effectuée. Le téléchargement de ce fichier démarrera dans quelques instants. Si rien ne se produit, veuillez cliquer sur le lien suivant.'),
    'Download': ('Download', 'Télécharger'),
    'NoResourcesToBackup': ('There are no resources to backup', "Aucune section n'est disponible pour une sauvegarde"),
    'ArchivesDirectoryNotWriteableContactAdmin': ('The app/cache/ directory, used by this tool, is not writeable. Please contact your platform administrator.', "Le répertoire app/cache/, utilisé par cet outil, ne dispose pas des accès en écriture. Veuillez contacter l'administrateur de la plateforme à ce sujet."),
    'SelectResources': ('Select resources', 'Sélectionnez la section de cours désirée'),
    'All': ('All', 'tout'),
    'None': ('none', 'Aucun(e)'),
    'Ok': ('Validate', 'Valider'),
    'DocumentsWillBeAddedToo': ('Documents will be added too', 'Les documents seront également ajoutés'),
    'Announcements': ('Announcements', 'Annonces'),
    'CourseDescription': ('Course Description', 'Description du cours'),
    'Documents': ('Documents', 'Documents'),
    'Tests': ('Tests', 'Tests'),
    'Links': ('Links', 'Liens'),
    'Forums': ('Forums', 'Forums'),
    'NotAllowedClickBack': ('Sorry, you are not allowed to access this page, or maybe your connection has expired. Please click your browser\'s "Back" button or follow the link below to return to the previous page.', 'Désolé, vous n\'êtes pas autorisé à accéder à cette page, ou votre connexion a expiré. Veuillez cliquez sur le bouton "Précédent" de votre navigateur ou suivre le lien ci-dessous pour retourner à la page précédente.'),
    'GoBack': ('Go back', 'Retour'),
    'ConfirmYourChoice': ('Please confirm your choice', 'Veuillez confirmer votre choix'),
    'Teacher': ('Trainer', 'Enseignant'),
    'Trainer': ('Teacher', 'Formateur'),
    'Courses': ('Courses', 'Cours'),
    'Language': ('Language', 'Langue'),
    'Profile': ('Profile', 'Profil'),
    # (page) strings seen on the captured pages, not in strings.md
    'DontForgetToSelectTheMediaFilesIfYourResourceNeedIt': (
        "Don&#039;t forget to select the media files if your resource need it",
        "N&#039;oubliez pas de sélectionner les fichiers média utilisés par votre ressource si nécessaire"),
    'IfYourQuizHaveHotspotQuestions': (
        'If your quiz have hotspot questions included, you should select the images related from the documents.',
        'Si votre quiz contient des questions de type zones sur image, vous devez sélectionner les images associées dans les documents.'),
    'OrphanQuestions': ('Orphan questions', 'Questions orphelines'),
    'LanguageName': ('English', 'Français'),
    # --- issue 3: add_course.php (captured 12a-12d) and copy_course.php (06a, 06b, 15a-15c)
    'CreateSite': ('Add a new course', 'Créer un cours'),
    'CreateCourseRequest': ('Create a course request', 'Créer une demande de cours'),
    'CreateCourseArea': ('Create this course', 'Créer ce cours'),
    'CourseName': ('Course name', 'Nom du cours'),
    'Ex': ('e.g. <i>Innovation management</i>', "p. ex. <i>Gestion de l'innovation</i>"),
    'AdvancedParameters': ('Advanced settings', 'Paramètres avancés'),
    'CourseFaculty': ('Category', 'Catégorie du cours'),
    'Code': ('Course code', 'Code cours'),
    'OnlyLettersAndNumbers': ('Only letters (a-z) and numbers (0-9)', 'Seulement lettres (a-z) et chiffres (0-9)'),
    'Ln': ('Language', 'Langue'),
    'FillWithExemplaryContent': ('Fill with demo content', "Compléter avec du contenu d'exemple"),
    'CourseTemplate': ('Course template', 'Modèle de cours'),
    'PickACourseAsATemplateForThisNewCourse': ('Pick a course as template for this new course', 'Choisissez un cours comme modèle de base pour ce nouveau cours'),
    # shown double-escaped on the captured page: the entity stays visible
    'Explanation': ('Once you click on &quot;Create a course&quot;, a course is created with a section for Tests, Project based learning, Assessments, Courses, Dropbox, Agenda and much more. Logging in as teacher provides you with editing privileges for this course.', "Une fois que vous aurez cliqué sur OK, un cours contenant Tests, Documents, Parcours d&#039;Apprentissage SCORM... sera créé. Grâce à votre identifiant de responsable du cours vous pourrez en modifier le contenu"),
    'CourseCodeAlreadyExists': ('Sorry, but that course code already exists. Please choose another one.', 'Désolé, mais ce code de cours existe déjà. Veuillez en choisir un autre.'),
    'Description': ('Description', 'Description'),
    'SelectDestinationCourse': ('Select target course', 'Sélectionnez un cours de destination'),
    'YouCanOnlyCopyThisCourseToACourseYouTeach': ('You can only copy this course to a course for which you are a teacher', 'Vous ne pouvez copier ce cours que vers un cours dont vous êtes enseignant'),
    'FullCopy': ('Full copy', 'Copier toutes les sections de ce cours'),
    'SameFilename': ('What should be done with imported files with the same file name as existing files?', 'Que faire des fichiers importés qui ont le même nom que des fichiers existants?'),
    'SameFilenameSkip': ('Skip same file name', 'Sauter les fichiers'),
    'SameFilenameRename': ('Rename file (eg file.pdf becomes file_1.pdf)', 'Renommer les fichiers (ex: fichier.pdf devient fichier_1.pdf)'),
    'SameFilenameOverwrite': ('Overwrite file', 'Écraser les fichiers'),
    'CopyFinished': ('Copying is finished', 'Copie terminée'),
    'NoDestinationCoursesAvailable': ('No destination course available', "Il n'y a pas d'autre cours dont vous soyez l'administrateur. Vous ne pouvez en conséquence pas copier de contenu vers un autre cours."),
    'DestinationCourse': ('Target course', 'Cours de destination'),
    # (page) the "Create a course" link of My courses (captured 02)
    'CreateCourseLink': ('Create a course', 'Créer un cours'),
    # not captured: EN from Chamilo 2.0's keys, FR unverified (course_validation mode only)
    'CreateThisCourseRequest': ('Create this course request', 'Créer cette demande de cours'),
    'Objectives': ('Objectives', 'Objectifs'),
    'TargetAudience': ('Target audience', 'Public cible'),
    'CertificatesFolder': ('Certificates', 'Certificates'),
    # practice-only texts (not Chamilo's)
    'PracticeCourseRequestSaved': (
        'Course request saved (the practice Chamilo keeps no request queue).',
        "Demande de cours enregistrée (le Chamilo d'entraînement ne garde pas de file de demandes)."),
    'PracticePlaceholder': (
        'This page is not part of the practice Chamilo yet.',
        "Cette page n'existe pas encore dans le Chamilo d'entraînement."),
    'SiteName': ('Practice Org - Practice Chamilo', 'Practice Org - Practice Chamilo'),
}


def t(key: str, lang: str) -> str:
    """The text of language variable ``key`` in ``lang`` ("en" or "fr"); the key itself if unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "fr" else pair[0]


def iso(lang_name_or_iso: str | None) -> str:
    """'french' / 'fr' / 'fr_FR' → 'fr'; anything else → 'en'."""
    v = (lang_name_or_iso or "").lower()
    if v in LANG_NAMES:
        return LANG_NAMES[v]
    return "fr" if v.startswith("fr") else "en"


def from_accept_language(header: str | None) -> str:
    """Chamilo 1.11.32's choice for anonymous pages: the first Accept-Language entry that exactly
    equals an available isocode, else English ("fr-FR" alone → en; "fr-FR,fr;q=0.9" → fr)."""
    for part in (header or "").split(","):
        code = part.split(";")[0].strip().lower()
        if code in LANGS:
            return code
    return "en"


# --- issue 4: keep, close or hand over a course (recycle, delete, infocours, intro, users,
# subscribe_user, announcements; captured 07-11, 13, 16-22). Values from strings.md unless marked.
STRINGS.update({
    'RecycleCourse': ('Empty this course', 'Vider ce cours'),
    'RecycleWarning': ('Warning: using this tool, you will delete learning objects in your course. There is no UNDO possible. We advise you to create a <a href="create_backup.php">backup</a> before.', 'Avertissement: en utilisant cette fonctionnalité, vous allez supprimer certaines sections de votre cours. Cette suppression ne pourra pas être annulée. Nous vous conseillons fortement de commencer par <a href="create_backup.php">faire une sauvegarde</a>.'),
    'FullRecycle': ('Delete everything', 'Vider toutes les sections du cours'),
    'CourseCodeConfirmation': ('Course code confirmation', 'Confirmation du code de cours'),
    'RecycleFinished': ('Recycle is finished', 'Votre cours a été vidé'),
    'CourseRegistrationCodeIncorrect': ('The course password is incorrect', 'Le code du cours est incorrect'),
    'BackToPreviousPage': ('Back to previous page', 'Retour à la page précédente'),
    'CourseTitle': ('Course title', 'Titre du cours'),
    'ByDel': ('Deleting this area will permanently delete all the content (documents, links...) it contains and unregister all its members (not remove them from other courses).', "En supprimant ce cours, vous supprimerez tous les documents qu'il contient et désinscrirez tous les membres qui y sont inscrits."),
    'CourseCode': ('Code', 'Code de cours'),
    'AreYouSureToDeleteJS': ('Are you sure to delete?', 'Êtes-vous certain de vouloir supprimer ?'),
    'Yes': ('Yes', 'Oui'),
    'No': ('No', 'Non'),
    'HasDel': ('has been deleted', 'a été supprimé'),
    'CourseSettings': ('Course settings', 'Paramètres du cours'),
    'CourseAccess': ('Course access', 'Accès à ce cours'),
    'SaveSettings': ('Save settings', 'Enregistrer les paramètres'),
    'Updated': ('Update successful', 'Mise à jour enregistrée'),
    'Settings': ('Settings', 'Paramètres'),
    'SaveIntroText': ('Save intro text', "Enregistrer le texte d'intro"),
    'IntroductionTextUpdated': ('Intro was updated', "Le texte d'introduction a été mis à jour"),
    'IntroductionTextDeleted': ('Intro was deleted', "Le texte d'introduction du cours a bien été supprimé"),
    'Modify': ('Edit', 'modifier'),
    'Delete': ('Delete', 'Supprimer'),
    'Learners': ('Learners', 'Apprenants'),
    'Teachers': ('Trainers', 'Enseignants'),
    'Groups': ('Groups', 'Groupes'),
    'Classes': ('Classes', 'Classes'),
    'Add': ('Add', 'Ajouter'),
    'ExportAsCSV': ('CSV export', 'Export CSV'),
    'ExportAsXLS': ('Excel export', 'Export Excel'),
    'ImportUserListXMLCSV': ('Import users list', "Import d'utilisateurs au format XML/CSV"),
    'ExportToPDF': ('Export to PDF', 'Export PDF'),
    'Search': ('Search', 'Rechercher'),
    'SearchButton': ('Search', 'Rechercher'),
    'Photo': ('Photo', 'Photo'),
    'OfficialCode': ('Code', 'Code Officiel'),
    'FirstName': ('First name', 'Prénom'),
    'LastName': ('Last name', 'Nom'),
    'LoginName': ('Login', 'Identifiant'),
    'Group': ('Group', 'Groupe'),
    'Status': ('Status', 'Statut'),
    'Active': ('active', 'actif'),
    'Action': ('Action', 'Action'),
    'Learner': ('Learner', 'Apprenant'),
    'AccountActive': ('Account active', 'Compte actif'),
    'Reporting': ('Reporting', 'Suivi'),
    'ConvertToCourseAssistant': ('Convert to assistant', 'Convertir en assistant'),
    'Unreg': ('Unsubscribe', 'Désinscrire'),
    'SelectAll': ('Select all', 'Tout sélectionner'),
    'UnSelectAll': ('Unselect all', 'annuler toutes les sélections'),
    'Actions': ('Detail', 'Action'),
    'UsersUnsubscribed': ('The selected users have been unsubscribed from the course', 'Les utilisateurs sélectionnés ont été désinscrits de ce cours'),
    'UserUnsubscribed': ('User is now unsubscribed', 'L&#039;utilisateur est maintenant désinscrit'),
    'SubscribeUserToCourseAsTeacher': ('Enroll teachers', 'Inscrire des formateurs'),
    'SubscribeUserToCourse': ('Enroll users to course', 'Inscrire des apprenants'),
    'Back': ('Back', 'Retour'),
    'AdvancedSearch': ('Advanced search', 'Recherche avancée'),
    'Email': ('e-mail', 'Courriel'),
    'Phone': ('Phone', 'Téléphone'),  # (page: 40f export.csv's header; FR not captured)
    'StudentList': ('Learners list', 'Liste des apprenants'),  # (page: 40f file name Learners-list.csv)
    'TeacherList': ('Trainers list', 'Liste des formateurs'),  # (not captured: the teachers' export name)
    'SearchUsers': ('Search users', 'Rechercher des utilisateurs'),
    'reg': ('Register', 'Inscrire'),
    'Detail': ('Detail', 'Détail'),
    'AddAnnouncement': ('Add an announcement', 'Ajouter une annonce'),
    'AnnouncementDeleteAll': ('Clear list of announcements', 'Supprimer toutes les annonces'),
    'ChooseRecipients': ('Choose recipients', 'Sélectionnez les destinataires'),
    'Users': ('Users', 'utilisateurs'),
    'EmailOption': ('Send this announcement by email to selected groups/users', 'Envoyer cette annonce par courriel aux groupes/utilisateurs sélectionnés'),
    'EmailTitle': ('Subject', 'Sujet du courriel'),
    'Tags': ('Tags', 'Tags'),
    'AddAnAttachment': ('Add attachment', 'Annexe'),
    'FileComment': ('File comment', 'Remarques'),
    'SendToUsersInSessions': ('Send to users in all sessions of this course', 'Envoyer aux utilisateurs de toutes les sessions de ce cours'),
    'SendAnnouncementCopyToDRH': ('Send a copy to HR managers of selected students', 'Envoyer une copie du mail aux responsables RH des étudiants sélectionnés'),
    'SendAnnouncementCopyToMyself': ('Send a copy by email to myself.', "M'envoyer une copie par e-mail."),
    'AddEventInCourseCalendar': ('Add event in course calendar', "Ajouter l'événement au calendrier du cours"),
    'DateStart': ('Start date', 'Date de début'),
    'DateEnd': ('End date', 'date de fin'),
    'Preview': ('Preview', 'Prévisualiser'),
    'ButtonPublishAnnouncement': ('Send announcement', 'Publier annonce'),
    'AnnouncementWillBeSentTo': ('Announcement will be sent to', "L'annonce sera envoyée à"),
    'AnnouncementAdded': ('Announcement has been added', 'L&#039;annonce a été ajoutée'),
    'Title': ('Title', 'Titre'),
    'By': ('By', 'Par'),
    'LastUpdateDate': ('Latest update', 'Dernière modification'),
    'Edit': ('Edit', 'Éditer'),
    'Hide': ('Hide', 'Cacher'),
    'Up': ('Up', 'Monter'),
    'Down': ('down', 'descendre'),
    'Everyone': ('Everyone', 'Tous'),
    # (page) read on the captured pages (not in strings.md); NoResourcesToRecycle not captured
    'CourseCodeToEnteredCapitalLettersToConfirmDeletionX': ('Course code to be entered in capital letters to confirm the deletion: %s', 'Code du cours à saisir en majuscules pour confirmer la suppression : %s'),
    'SearchResults': ('Search results', 'Résultats de la recherche'),
    'UserXAddedToCourseX': ('User %s has been registered to course %s', 'L&#039;utilisateur %s a été inscrit au cours %s'),
    'NextPage': ('Next page', 'Page suivante'),
    'LastPage': ('Last page', 'Dernière page'),
    'PreviousPage': ('Previous page', 'Page précédente'),
    'FirstPage': ('First page', 'Première page'),
    'Save': ('Save', 'Enregistrer'),
    'AllPerPage': ('All', 'Tout'),
    'ViewXToYOfZ': ('View %s - %s of %s', 'Enregistrements %s - %s sur %s'),
    'NoResourcesToRecycle': ('There are no resources to recycle', "Il n'y a aucune ressource à recycler"),
})
# --- end issue 4

# --- issue 14: CAS (captures 31b, 31e; EN read on the pages). No French capture exists: the French
# values are the English ones (what Chamilo shows for a missing translation) until one is captured.
_CAS_STRINGS = {
    'NotAllowed': 'You are not allowed to see this page. Either your connection has expired or you are trying to access a page for which you do not have the sufficient privileges.',
    'LoginToGoToThisCourse': 'Please login to go to this course',
    'YouHaveAnInstitutionalAccount': 'You already have an institutional account',
    'LoginWithYourAccount': 'Login with your account',
    'YouDontHaveAnInstitutionAccount': 'You don&#039;t have an institutional account',  # the entity shows literally
    'LoginWithoutInstitutionalAccount': 'Login without an institutional account',
    'ReturnToCourseHomepage': 'Return to Course Homepage',
}
STRINGS.update({key: (text, text) for key, text in _CAS_STRINGS.items()})
STRINGS.setdefault('Password', ('Password', 'Mot de passe'))  # strings.md; placeholder of 31b's formLogin
# --- end issue 14

# --- issue 20: Import backup (captures 50a-50k, en and fr; read on the pages)
STRINGS.update({
    'SelectBackupFile': ('Select a backup file', 'Sélectionnez un fichier de sauvegarde'),
    'LocalFile': ('local file', 'Charger un fichier depuis votre ordinateur'),
    'ServerFile': ('server file', 'Utiliser un fichier de sauvegarde qui se trouve sur le serveur'),
    'NoBackupsAvailable': ('No backup available', 'Aucune sauvegarde disponible'),  # fr: not captured
    'ImportFullBackup': ('Import full backup', 'Importer toutes les sections contenues dans le fichier de sauvegarde'),
    'ImportFinished': ('Import finished', "L'importation du fichier de sauvegarde est terminée"),
    'NoResourcesInBackupFile': ('There are no resources in backup file',
                                'Aucune section de cours disponible dans ce fichier de sauvegarde'),
    'TryAgain': ('Try again', 'Réessayer'),
    'CourseHomepage': ('Course home', 'Sommaire du cours'),
})
# --- end issue 20

# --- issue 19: the platform admin's course pages (captures 51a-51f, English only; EN read on the
# pages). No French capture: the French values are the English ones until one is captured, except
# where strings.md gives them.
_ADMIN_STRINGS = {
    'CourseList': 'Course list',
    'SearchCourses': 'Search courses',
    'SearchCourseBySession': 'Search course by session',
    'PleaseSelectAnOption': 'Please select an option',
    'StandardList': 'Standard List',
    'ManagementList': 'Management List',
    'RegistrationAllowed': 'Registr. allowed',
    'UnsubscriptionAllowed': 'Unreg. allowed',
    'Information': 'Information',
    'CourseHomepage': 'Course home',
    'ExportCourses': 'Export courses',
    'Option': 'Option',
    'ExportAllCoursesList': 'Export all courses',
    'ExportSelectedCoursesFromCoursesList': 'Export selected courses from the following list',
    'WhichCoursesToExport': 'Courses to export',
    'OutputFileType': 'Output file type',
    'ExportUsers': 'Export users list',
    'ExportExtraFields': 'Export extra fields',
    'CourseUsage': 'Course usage',
    'Tool': 'tool',
    'NumberOfItems': 'number of items',
    'UserInformation': 'user information',
    'DeleteSelectedCourses': 'Delete selected course(s)',
    'CourseVisibilityOpenPlatform': ' Open - access allowed for users registered on the platform',
    'CourseVisibilityOpenWorld': ' Public - access allowed for the whole world',
    'CourseVisibilityPrivate': ' Private access (access authorized to group members only)',
    'CourseVisibilityClosed': ' Closed - the course is only accessible to the teachers',
    'CourseVisibilityHidden': ' Hidden - Completely hidden to all users except the administrators',
    'CourseDeleted': 'The course has been deleted',
    'ToolCalendar': 'Calendar',
    'ToolGroupUsage': 'Group',
    'Document': 'Document',
    'Announcements': 'Announcements',
    'PracticeOnlyCsv': 'The practice Chamilo exports CSV only.',
}
STRINGS.update({key: (text, text) for key, text in _ADMIN_STRINGS.items() if key not in STRINGS})
# --- end issue 19
