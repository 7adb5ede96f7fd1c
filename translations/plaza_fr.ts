<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountButton</name>
    <message>
        <source>Account: %1</source>
        <translation>Compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Se déconnecter…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Send feedback…</source>
        <translation>Envoyer un retour…</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>%1 can&apos;t be read.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message numerus="yes">
        <source>You can send at most %n files at once.</source>
        <translation>
            <numerusform>Vous pouvez envoyer au plus %n fichier à la fois.</numerusform>
            <numerusform>Vous pouvez envoyer au plus %n fichiers à la fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is over 100 MB.</source>
        <translation>%1 dépasse 100 Mo.</translation>
    </message>
    <message>
        <source>%1 isn&apos;t a photo. Posts carry photos only.</source>
        <translation>%1 n’est pas une photo. Les publications ne contiennent que des photos.</translation>
    </message>
    <message>
        <source>Files to send</source>
        <translation>Fichiers à envoyer</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Describe the photo</source>
        <translation>Décrivez la photo</translation>
    </message>
    <message>
        <source>Description of %1, for people who can&apos;t see it</source>
        <translation>Description de %1, pour les personnes qui ne la voient pas</translation>
    </message>
</context>
<context>
    <name>BlockedSection</name>
    <message>
        <source>Unblocked.</source>
        <translation>Débloqué.</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
    <message>
        <source>Loading blocked people…</source>
        <translation>Chargement des personnes bloquées…</translation>
    </message>
    <message>
        <source>You&apos;re offline: this list may be out of date, and unblocking needs a connection.</source>
        <translation>Vous êtes hors ligne : cette liste n’est peut-être pas à jour, et débloquer nécessite une connexion.</translation>
    </message>
    <message>
        <source>You&apos;re offline: this list may be out of date.</source>
        <translation>Vous êtes hors ligne : cette liste n’est peut-être pas à jour.</translation>
    </message>
    <message>
        <source>Could not load the people you blocked. What this device knows is shown.</source>
        <translation>Impossible de charger les personnes que vous avez bloquées. Ce que cet appareil en sait est affiché.</translation>
    </message>
    <message>
        <source>You haven&apos;t blocked anyone.</source>
        <translation>Vous n’avez bloqué personne.</translation>
    </message>
    <message>
        <source>Blocked %1</source>
        <translation>Bloqué le %1</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqué</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Débloquer</translation>
    </message>
    <message>
        <source>Unblock %1</source>
        <translation>Débloquer %1</translation>
    </message>
</context>
<context>
    <name>BookmarksSheet</name>
    <message>
        <source>Bookmarks</source>
        <translation>Signets</translation>
    </message>
    <message>
        <source>Only you can see what you bookmarked.</source>
        <translation>Vous seul voyez vos signets.</translation>
    </message>
    <message>
        <source>Your bookmarks couldn&apos;t load</source>
        <translation>Impossible de charger vos signets</translation>
    </message>
    <message>
        <source>No bookmarks yet</source>
        <translation>Aucun signet pour l’instant</translation>
    </message>
    <message>
        <source>Bookmark a post with its bookmark button or its … menu to find it here later.</source>
        <translation>Ajoutez une publication aux signets avec son bouton signet ou son menu … pour la retrouver ici plus tard.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>CacheLockedScreen</name>
    <message>
        <source>This cache cannot be unlocked</source>
        <translation>Impossible de déverrouiller ce cache</translation>
    </message>
    <message>
        <source>Sign in again to rebuild it.</source>
        <translation>Reconnectez-vous pour le reconstruire.</translation>
    </message>
    <message>
        <source>The copy of your account kept on this device can&apos;t be opened with the key Plaza has. Your posts, messages and money are safe on the server: signing in again downloads them into a new cache and deletes the unreadable one.</source>
        <translation>La copie de votre compte conservée sur cet appareil ne s’ouvre pas avec la clé dont dispose Plaza. Vos publications, vos messages et votre argent sont en sécurité sur le serveur&#xa0;: en vous reconnectant, ils sont téléchargés dans un nouveau cache et l’ancien, illisible, est supprimé.</translation>
    </message>
    <message>
        <source>Delete the cache and sign in again</source>
        <translation>Supprimer le cache et se reconnecter</translation>
    </message>
    <message>
        <source>This cache is damaged</source>
        <translation>Ce cache est endommagé</translation>
    </message>
    <message>
        <source>The copy of your account kept on this device is empty or cut short, perhaps by a full disk or a crash. Your posts, messages and money are safe on the server: signing in again downloads them into a new cache. The damaged file is not deleted: it is moved aside, next to the new one.</source>
        <translation>La copie de votre compte conservée sur cet appareil est vide ou tronquée, peut-être à cause d’un disque plein ou d’un plantage. Vos publications, vos messages et votre argent sont en sécurité sur le serveur&#xa0;: en vous reconnectant, ils sont téléchargés dans un nouveau cache. Le fichier endommagé n’est pas supprimé&#xa0;: il est mis de côté, à côté du nouveau.</translation>
    </message>
    <message>
        <source>Keep it aside and sign in again</source>
        <translation>Le mettre de côté et se reconnecter</translation>
    </message>
</context>
<context>
    <name>ChangeLockSheet</name>
    <message>
        <source>Change the app lock</source>
        <translation>Changer le verrou de l’app</translation>
    </message>
    <message>
        <source>Set an app lock</source>
        <translation>Définir un verrou de l’app</translation>
    </message>
    <message>
        <source>Asked before any money leaves your wallet, and to unlock Plaza after it locks itself.</source>
        <translation>Demandé avant que de l’argent ne quitte votre portefeuille, et pour déverrouiller Plaza après un verrouillage automatique.</translation>
    </message>
    <message>
        <source>The current PIN or passphrase is wrong.</source>
        <translation>Le code PIN ou la phrase secrète actuels sont incorrects.</translation>
    </message>
    <message>
        <source>Use 4 to 12 digits, not all the same.</source>
        <translation>Utilisez 4 à 12 chiffres, pas tous identiques.</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>Utilisez au moins 8 caractères.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Wait a moment, then try again.</source>
        <translation>Trop d’essais erronés. Patientez un moment, puis réessayez.</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Code PIN actuel</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Phrase secrète actuelle</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>New PIN (4 to 12 digits)</source>
        <translation>Nouveau code PIN (4 à 12 chiffres)</translation>
    </message>
    <message>
        <source>New passphrase (8 characters or more)</source>
        <translation>Nouvelle phrase secrète (8 caractères ou plus)</translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation>Répétez le code PIN</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Répétez la phrase secrète</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>The two entries are different.</source>
        <translation>Les deux saisies sont différentes.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordSheet</name>
    <message>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>Every other device signed in to your account is signed out. This one stays signed in.</source>
        <translation>Tous les autres appareils connectés à votre compte sont déconnectés. Celui-ci reste connecté.</translation>
    </message>
    <message numerus="yes">
        <source>Password changed. %n other device(s) signed out.</source>
        <translation>
            <numerusform>Mot de passe changé. %n autre appareil déconnecté.</numerusform>
            <numerusform>Mot de passe changé. %n autres appareils déconnectés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Mot de passe changé.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <source>The new password must be different from the current one.</source>
        <translation>Le nouveau mot de passe doit être différent de l’actuel.</translation>
    </message>
    <message>
        <source>Use 8 to 128 characters for the new password.</source>
        <translation>Utilisez 8 à 128 caractères pour le nouveau mot de passe.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait a minute, then try again.</source>
        <translation>Trop de mots de passe incorrects. Attendez une minute, puis réessayez.</translation>
    </message>
    <message>
        <source>Plaza can&apos;t reach the server. Nothing was changed; try again when you&apos;re online.</source>
        <translation>Plaza ne parvient pas à joindre le serveur. Rien n’a été modifié&#xa0;; réessayez une fois en ligne.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <source>New password (8 to 128 characters)</source>
        <translation>Nouveau mot de passe (8 à 128 caractères)</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Répétez le nouveau mot de passe</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>The two new passwords are different.</source>
        <translation>Les deux nouveaux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>ChatComposer</name>
    <message>
        <source>Write a message</source>
        <translation>Écrire un message</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Entrée envoie, Maj+Entrée passe à la ligne</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>Réponse à %1</translation>
    </message>
    <message>
        <source>Editing message</source>
        <translation>Modification du message</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Annuler la modification</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>Annuler la réponse</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Search conversations and messages</source>
        <translation>Rechercher conversations et messages</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n non lu</numerusform>
            <numerusform>%n non lus</numerusform>
        </translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Vous : </translation>
    </message>
    <message>
        <source>No conversation matches.</source>
        <translation>Aucune conversation ne correspond.</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Pas encore de conversation.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>No message matches.</source>
        <translation>Aucun message ne correspond.</translation>
    </message>
    <message>
        <source>Pick a conversation</source>
        <translation>Choisissez une conversation</translation>
    </message>
    <message>
        <source>Your chats are on the left. Messages you write offline go out, once and in order, when you&apos;re back online.</source>
        <translation>Vos discussions sont à gauche. Les messages écrits hors ligne partent, une seule fois et dans l’ordre, dès votre retour en ligne.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is typing…</source>
        <translation>
            <numerusform>%1 écrit…</numerusform>
            <numerusform>%1 écrivent…</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>You and %1</source>
        <translation>Vous et %1</translation>
    </message>
    <message>
        <source>Send money</source>
        <translation>Envoyer de l’argent</translation>
    </message>
    <message>
        <source>Payments need a connection.</source>
        <translation>Les paiements ont besoin d’une connexion.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demander</translation>
    </message>
    <message>
        <source>Request money</source>
        <translation>Demander de l’argent</translation>
    </message>
    <message numerus="yes">
        <source>Jump to the newest message, %n new</source>
        <translation>
            <numerusform>Aller au dernier message, %n nouveau</numerusform>
            <numerusform>Aller au dernier message, %n nouveaux</numerusform>
        </translation>
    </message>
    <message>
        <source>Jump to the newest message</source>
        <translation>Aller au dernier message</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Messages trouvés</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Drop files to send them</source>
        <translation>Déposez des fichiers pour les envoyer</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>en sourdine</translation>
    </message>
    <message>
        <source>Conversation options</source>
        <translation>Options de la conversation</translation>
    </message>
    <message>
        <source>You blocked %1. You can read this conversation, but neither of you can write in it. To unblock them, use the … menu above.</source>
        <translation>Vous avez bloqué %1. Vous pouvez lire cette conversation, mais aucun de vous deux ne peut y écrire. Pour débloquer cette personne, utilisez le menu … ci-dessus.</translation>
    </message>
    <message>
        <source>Message from a blocked person</source>
        <translation>Message d’une personne bloquée</translation>
    </message>
    <message>
        <source>See you at the station @</source>
        <translation>On se retrouve à la gare @</translation>
    </message>
    <message>
        <source>you were mentioned</source>
        <translation>vous avez été mentionné</translation>
    </message>
    <message>
        <source>Mentioned</source>
        <translation>Mentionné</translation>
    </message>
    <message>
        <source>You were removed from this group. You can read the messages up to then, but not write here.</source>
        <translation>Vous avez été retiré de ce groupe. Vous pouvez lire les messages jusque-là, mais plus écrire ici.</translation>
    </message>
    <message>
        <source>You left this group. You can read the messages up to then, but not write here.</source>
        <translation>Vous avez quitté ce groupe. Vous pouvez lire les messages jusque-là, mais plus écrire ici.</translation>
    </message>
    <message>
        <source>Message requests</source>
        <translation>Demandes de message</translation>
    </message>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n demande</numerusform>
            <numerusform>%n demandes</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <source>Back to conversations</source>
        <translation>Retour aux conversations</translation>
    </message>
    <message>
        <source>People you don&apos;t follow who wrote to you first. They can&apos;t see if you&apos;ve read their messages.</source>
        <translation>Des personnes que vous ne suivez pas vous ont écrit en premier. Elles ne peuvent pas voir si vous avez lu leurs messages.</translation>
    </message>
    <message>
        <source>No message requests.</source>
        <translation>Aucune demande de message.</translation>
    </message>
    <message>
        <source>%1 wants to message you. They can&apos;t see if you&apos;ve read this.</source>
        <translation>%1 souhaite vous écrire. Cette personne ne peut pas voir si vous avez lu ceci.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signaler</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Signaler %1</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Bloquer</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>Bloquer %1</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Accept the message request from %1</source>
        <translation>Accepter la demande de message de %1</translation>
    </message>
    <message>
        <source>Accept the request first.</source>
        <translation>Acceptez d’abord la demande.</translation>
    </message>
</context>
<context>
    <name>ComingSoon</name>
    <message>
        <source>Arrives soon</source>
        <translation>Bientôt disponible</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Plaza: your feed, chats, wallet and savings in one window.</source>
        <translation>Plaza&#xa0;: votre fil, vos discussions, votre portefeuille et votre épargne dans une seule fenêtre.</translation>
    </message>
    <message>
        <source>Server to offer on the sign-in screen.</source>
        <translation>Serveur proposé sur l’écran de connexion.</translation>
    </message>
    <message>
        <source>Folder for the encrypted local cache.</source>
        <translation>Dossier du cache local chiffré.</translation>
    </message>
    <message>
        <source>Folder for the saved account (no secrets).</source>
        <translation>Dossier du compte enregistré (sans aucun secret).</translation>
    </message>
    <message>
        <source>Language of the interface, e.g. fr or en.</source>
        <translation>Langue de l’interface, par exemple fr ou en.</translation>
    </message>
    <message>
        <source>Colours: system, light or dark.</source>
        <translation>Couleurs&#xa0;: system (système), light (clair) ou dark (sombre).</translation>
    </message>
    <message>
        <source>Sign in as this handle if signed out; the password comes from PLAZA_DEMO_PASSWORD.</source>
        <translation>Se connecter avec cet identifiant si personne n’est connecté&#x202f;; le mot de passe vient de PLAZA_DEMO_PASSWORD.</translation>
    </message>
    <message>
        <source>Save a picture of the window once it is ready (or signed out), then quit.</source>
        <translation>Enregistrer une image de la fenêtre une fois prête (ou déconnectée), puis quitter.</translation>
    </message>
    <message>
        <source>plaza:// link to open.</source>
        <translation>Lien plaza:// à ouvrir.</translation>
    </message>
    <message>
        <source>Open this page first: feed, chat, wallet, savings, settings, switcher, feedback; feed/discover, feed/thread, feed/profile, feed/muted-profile, feed/why, feed/bookmarks, feed/menu, feed/edit, feed/quote, feed/delete; chat/new, chat/new-group, chat/search/WORDS, chat/ID, chat/ID/ followed by send, request, photos, menu, react, reply, forward, report-request, members, rename or mention; wallet/send[/handle], wallet/request[/id], wallet/export, wallet/topup; savings/deposit, savings/withdraw, savings/goal; settings/security, settings/two-factor, settings/password, settings/delete-account, settings/storage, settings/blocked, settings/muted.</source>
        <translation>Ouvrir d’abord cette page : feed, chat, wallet, savings, settings, switcher, feedback ; feed/discover, feed/thread, feed/profile, feed/muted-profile, feed/why, feed/bookmarks, feed/menu, feed/edit, feed/quote, feed/delete ; chat/new, chat/new-group, chat/search/MOTS, chat/ID, chat/ID/ suivi de send, request, photos, menu, react, reply, forward, report-request, members, rename ou mention ; wallet/send[/pseudo], wallet/request[/id], wallet/export, wallet/topup ; savings/deposit, savings/withdraw, savings/goal ; settings/security, settings/two-factor, settings/password, settings/delete-account, settings/storage, settings/blocked, settings/muted.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>What&apos;s happening?</source>
        <translation>Quoi de neuf ?</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>En réponse à %1</translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) waiting to be sent</source>
        <translation>
            <numerusform>%n publication en attente d’envoi</numerusform>
            <numerusform>%n publications en attente d’envoi</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Enter to post</source>
        <translation>Ctrl+Entrée pour publier</translation>
    </message>
    <message>
        <source>%1 / 500</source>
        <translation>%1 / 500</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publier</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>Ajouter des photos</translation>
    </message>
    <message>
        <source>Drop photos to add them</source>
        <translation>Déposez des photos pour les ajouter</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <source>Previous month</source>
        <translation>Mois précédent</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Mois suivant</translation>
    </message>
    <message>
        <source>Calendar, %1</source>
        <translation>Calendrier, %1</translation>
    </message>
    <message>
        <source>%1, not available</source>
        <translation>%1, indisponible</translation>
    </message>
</context>
<context>
    <name>DeleteAccountSheet</name>
    <message>
        <source>Delete your account?</source>
        <translation>Supprimer votre compte&#xa0;?</translation>
    </message>
    <message>
        <source>This can&apos;t be undone.</source>
        <translation>Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Your wallet or savings still hold money. Move it out first, then delete the account.</source>
        <translation>Votre portefeuille ou votre épargne contient encore de l’argent. Transférez-le d’abord, puis supprimez le compte.</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>Le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Wait a minute, then try again.</source>
        <translation>Trop de mots de passe incorrects. Attendez une minute, puis réessayez.</translation>
    </message>
    <message>
        <source>Plaza can&apos;t reach the server. Nothing was deleted; try again when you&apos;re online.</source>
        <translation>Plaza ne parvient pas à joindre le serveur. Rien n’a été supprimé&#xa0;; réessayez une fois en ligne.</translation>
    </message>
    <message>
        <source>Your name and handle are removed and you can&apos;t sign in again. People you paid or were paid by keep their history, showing &quot;Deleted account&quot;. Every device is signed out. Your wallet and savings must be empty.</source>
        <translation>Votre nom et votre identifiant sont effacés et vous ne pourrez plus vous connecter. Les personnes que vous avez payées ou qui vous ont payé gardent leur historique, où figure « Compte supprimé ». Tous les appareils sont déconnectés. Votre portefeuille et votre épargne doivent être vides.</translation>
    </message>
    <message>
        <source>Type your password to confirm</source>
        <translation>Saisissez votre mot de passe pour confirmer</translation>
    </message>
    <message>
        <source>Delete my account</source>
        <translation>Supprimer mon compte</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <source>thumbs up</source>
        <translation>pouce vers le haut</translation>
    </message>
    <message>
        <source>thumbs down</source>
        <translation>pouce vers le bas</translation>
    </message>
    <message>
        <source>red heart</source>
        <translation>cœur rouge</translation>
    </message>
    <message>
        <source>face with tears of joy</source>
        <translation>visage riant aux larmes</translation>
    </message>
    <message>
        <source>face with open mouth</source>
        <translation>visage bouche ouverte</translation>
    </message>
    <message>
        <source>crying face</source>
        <translation>visage qui pleure</translation>
    </message>
    <message>
        <source>folded hands</source>
        <translation>mains jointes</translation>
    </message>
    <message>
        <source>grinning face</source>
        <translation>visage souriant</translation>
    </message>
    <message>
        <source>grinning face with smiling eyes</source>
        <translation>visage souriant aux yeux rieurs</translation>
    </message>
    <message>
        <source>beaming face</source>
        <translation>visage radieux</translation>
    </message>
    <message>
        <source>grinning face with sweat</source>
        <translation>visage souriant avec une goutte de sueur</translation>
    </message>
    <message>
        <source>rolling on the floor laughing</source>
        <translation>se rouler par terre de rire</translation>
    </message>
    <message>
        <source>slightly smiling face</source>
        <translation>visage avec un léger sourire</translation>
    </message>
    <message>
        <source>winking face</source>
        <translation>visage qui fait un clin d’œil</translation>
    </message>
    <message>
        <source>smiling face with smiling eyes</source>
        <translation>visage souriant aux yeux rieurs</translation>
    </message>
    <message>
        <source>smiling face with halo</source>
        <translation>visage souriant avec auréole</translation>
    </message>
    <message>
        <source>smiling face with hearts</source>
        <translation>visage souriant avec des cœurs</translation>
    </message>
    <message>
        <source>smiling face with heart-eyes</source>
        <translation>visage souriant aux yeux en cœur</translation>
    </message>
    <message>
        <source>face blowing a kiss</source>
        <translation>visage envoyant un bisou</translation>
    </message>
    <message>
        <source>face savoring food</source>
        <translation>visage savourant</translation>
    </message>
    <message>
        <source>winking face with tongue</source>
        <translation>visage qui tire la langue avec un clin d’œil</translation>
    </message>
    <message>
        <source>zany face</source>
        <translation>visage loufoque</translation>
    </message>
    <message>
        <source>hugging face</source>
        <translation>visage qui fait un câlin</translation>
    </message>
    <message>
        <source>thinking face</source>
        <translation>visage pensif</translation>
    </message>
    <message>
        <source>face with raised eyebrow</source>
        <translation>visage avec sourcil levé</translation>
    </message>
    <message>
        <source>neutral face</source>
        <translation>visage neutre</translation>
    </message>
    <message>
        <source>face with rolling eyes</source>
        <translation>visage roulant des yeux</translation>
    </message>
    <message>
        <source>smirking face</source>
        <translation>visage avec un sourire en coin</translation>
    </message>
    <message>
        <source>grimacing face</source>
        <translation>visage grimaçant</translation>
    </message>
    <message>
        <source>relieved face</source>
        <translation>visage soulagé</translation>
    </message>
    <message>
        <source>sleeping face</source>
        <translation>visage endormi</translation>
    </message>
    <message>
        <source>face with thermometer</source>
        <translation>visage avec thermomètre</translation>
    </message>
    <message>
        <source>partying face</source>
        <translation>visage festif</translation>
    </message>
    <message>
        <source>smiling face with sunglasses</source>
        <translation>visage avec lunettes de soleil</translation>
    </message>
    <message>
        <source>nerd face</source>
        <translation>visage d’intello</translation>
    </message>
    <message>
        <source>confused face</source>
        <translation>visage confus</translation>
    </message>
    <message>
        <source>worried face</source>
        <translation>visage inquiet</translation>
    </message>
    <message>
        <source>astonished face</source>
        <translation>visage stupéfait</translation>
    </message>
    <message>
        <source>flushed face</source>
        <translation>visage qui rougit</translation>
    </message>
    <message>
        <source>pleading face</source>
        <translation>visage suppliant</translation>
    </message>
    <message>
        <source>loudly crying face</source>
        <translation>visage en pleurs</translation>
    </message>
    <message>
        <source>face screaming in fear</source>
        <translation>visage qui hurle de peur</translation>
    </message>
    <message>
        <source>face with steam from nose</source>
        <translation>visage qui souffle par le nez</translation>
    </message>
    <message>
        <source>angry face</source>
        <translation>visage en colère</translation>
    </message>
    <message>
        <source>exploding head</source>
        <translation>tête qui explose</translation>
    </message>
    <message>
        <source>cold face</source>
        <translation>visage bleu de froid</translation>
    </message>
    <message>
        <source>hot face</source>
        <translation>visage rouge de chaleur</translation>
    </message>
    <message>
        <source>zipper-mouth face</source>
        <translation>visage bouche cousue</translation>
    </message>
    <message>
        <source>shushing face</source>
        <translation>visage qui fait chut</translation>
    </message>
    <message>
        <source>saluting face</source>
        <translation>visage qui salue</translation>
    </message>
    <message>
        <source>clapping hands</source>
        <translation>mains qui applaudissent</translation>
    </message>
    <message>
        <source>raising hands</source>
        <translation>mains levées</translation>
    </message>
    <message>
        <source>waving hand</source>
        <translation>main qui salue</translation>
    </message>
    <message>
        <source>OK hand</source>
        <translation>main OK</translation>
    </message>
    <message>
        <source>victory hand</source>
        <translation>main faisant un V</translation>
    </message>
    <message>
        <source>crossed fingers</source>
        <translation>doigts croisés</translation>
    </message>
    <message>
        <source>handshake</source>
        <translation>poignée de main</translation>
    </message>
    <message>
        <source>flexed biceps</source>
        <translation>biceps contracté</translation>
    </message>
    <message>
        <source>eyes</source>
        <translation>yeux</translation>
    </message>
    <message>
        <source>heart hands</source>
        <translation>mains en cœur</translation>
    </message>
    <message>
        <source>orange heart</source>
        <translation>cœur orange</translation>
    </message>
    <message>
        <source>yellow heart</source>
        <translation>cœur jaune</translation>
    </message>
    <message>
        <source>green heart</source>
        <translation>cœur vert</translation>
    </message>
    <message>
        <source>blue heart</source>
        <translation>cœur bleu</translation>
    </message>
    <message>
        <source>purple heart</source>
        <translation>cœur violet</translation>
    </message>
    <message>
        <source>black heart</source>
        <translation>cœur noir</translation>
    </message>
    <message>
        <source>broken heart</source>
        <translation>cœur brisé</translation>
    </message>
    <message>
        <source>hundred points</source>
        <translation>cent points</translation>
    </message>
    <message>
        <source>fire</source>
        <translation>feu</translation>
    </message>
    <message>
        <source>sparkles</source>
        <translation>étincelles</translation>
    </message>
    <message>
        <source>star</source>
        <translation>étoile</translation>
    </message>
    <message>
        <source>party popper</source>
        <translation>cotillons</translation>
    </message>
    <message>
        <source>birthday cake</source>
        <translation>gâteau d’anniversaire</translation>
    </message>
    <message>
        <source>wrapped gift</source>
        <translation>cadeau</translation>
    </message>
    <message>
        <source>check mark</source>
        <translation>coche</translation>
    </message>
    <message>
        <source>cross mark</source>
        <translation>croix</translation>
    </message>
    <message>
        <source>question mark</source>
        <translation>point d’interrogation</translation>
    </message>
    <message>
        <source>exclamation mark</source>
        <translation>point d’exclamation</translation>
    </message>
    <message>
        <source>light bulb</source>
        <translation>ampoule</translation>
    </message>
    <message>
        <source>money with wings</source>
        <translation>billet avec des ailes</translation>
    </message>
    <message>
        <source>money bag</source>
        <translation>sac d’argent</translation>
    </message>
    <message>
        <source>hot beverage</source>
        <translation>boisson chaude</translation>
    </message>
    <message>
        <source>pizza</source>
        <translation>pizza</translation>
    </message>
    <message>
        <source>clinking beer mugs</source>
        <translation>chopes de bière</translation>
    </message>
    <message>
        <source>wine glass</source>
        <translation>verre de vin</translation>
    </message>
    <message>
        <source>croissant</source>
        <translation>croissant</translation>
    </message>
    <message>
        <source>shortcake</source>
        <translation>gâteau aux fraises</translation>
    </message>
    <message>
        <source>red apple</source>
        <translation>pomme rouge</translation>
    </message>
    <message>
        <source>soccer ball</source>
        <translation>ballon de football</translation>
    </message>
    <message>
        <source>bicycle</source>
        <translation>vélo</translation>
    </message>
    <message>
        <source>car</source>
        <translation>voiture</translation>
    </message>
    <message>
        <source>airplane</source>
        <translation>avion</translation>
    </message>
    <message>
        <source>house</source>
        <translation>maison</translation>
    </message>
    <message>
        <source>mountain</source>
        <translation>montagne</translation>
    </message>
    <message>
        <source>hiking boot</source>
        <translation>chaussure de randonnée</translation>
    </message>
    <message>
        <source>sun with face</source>
        <translation>soleil avec visage</translation>
    </message>
    <message>
        <source>cloud with rain</source>
        <translation>nuage avec pluie</translation>
    </message>
    <message>
        <source>snowflake</source>
        <translation>flocon</translation>
    </message>
    <message>
        <source>rainbow</source>
        <translation>arc-en-ciel</translation>
    </message>
    <message>
        <source>cherry blossom</source>
        <translation>fleur de cerisier</translation>
    </message>
    <message>
        <source>dog face</source>
        <translation>tête de chien</translation>
    </message>
    <message>
        <source>cat face</source>
        <translation>tête de chat</translation>
    </message>
    <message>
        <source>musical note</source>
        <translation>note de musique</translation>
    </message>
    <message>
        <source>camera with flash</source>
        <translation>appareil photo avec flash</translation>
    </message>
    <message>
        <source>calendar</source>
        <translation>calendrier</translation>
    </message>
    <message>
        <source>alarm clock</source>
        <translation>réveil</translation>
    </message>
    <message>
        <source>rocket</source>
        <translation>fusée</translation>
    </message>
    <message>
        <source>trophy</source>
        <translation>trophée</translation>
    </message>
    <message>
        <source>Choose a reaction</source>
        <translation>Choisir une réaction</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Rechercher un emoji</translation>
    </message>
    <message>
        <source>Down moves to the emoji, Enter picks the first one</source>
        <translation>Bas va aux emoji, Entrée choisit le premier</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>No emoji matches “%1”.</source>
        <translation>Aucun emoji ne correspond à « %1 ».</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Wrong handle or password.</source>
        <translation>Identifiant ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>That handle is already taken. Try another one.</source>
        <translation>Cet identifiant est déjà pris. Essayez-en un autre.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes, then try again.</source>
        <translation>Trop de tentatives. Patientez quelques minutes, puis réessayez.</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server at %1. Check the address and your connection.</source>
        <translation>Impossible de joindre le serveur %1. Vérifiez l’adresse et votre connexion.</translation>
    </message>
    <message>
        <source>The server at %1 took too long to answer. Try again.</source>
        <translation>Le serveur %1 a mis trop de temps à répondre. Réessayez.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed, so Plaza did not send anything.</source>
        <translation>La connexion sécurisée à %1 a échoué&#xa0;: Plaza n’a rien envoyé.</translation>
    </message>
    <message>
        <source>The server at %1 doesn&apos;t answer like a Plaza server. Check the address.</source>
        <translation>Le serveur %1 ne répond pas comme un serveur Plaza. Vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>The server had a problem. Try again in a moment.</source>
        <translation>Le serveur a rencontré un problème. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>That is too long to send.</source>
        <translation>C’est trop long pour être envoyé.</translation>
    </message>
    <message>
        <source>That passphrase doesn&apos;t unlock this device&apos;s cache. Check it and try again.</source>
        <translation>Cette phrase secrète ne déverrouille pas le cache de cet appareil. Vérifiez-la et réessayez.</translation>
    </message>
    <message>
        <source>No system keychain answered.</source>
        <translation>Aucun trousseau système n’a répondu.</translation>
    </message>
    <message>
        <source>Plaza couldn&apos;t write its local cache. Check that the disk has free space.</source>
        <translation>Plaza n’a pas pu écrire son cache local. Vérifiez qu’il reste de la place sur le disque.</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Try again.</source>
        <translation>Une erreur s’est produite (%1). Réessayez.</translation>
    </message>
    <message>
        <source>Handles are 3 to 20 characters: lowercase letters, digits and underscores.</source>
        <translation>Un identifiant compte de 3 à 20 caractères&#xa0;: lettres minuscules, chiffres et tirets bas.</translation>
    </message>
    <message>
        <source>Display names are 1 to 50 characters.</source>
        <translation>Le nom affiché compte de 1 à 50 caractères.</translation>
    </message>
    <message>
        <source>Passwords are 8 to 128 characters.</source>
        <translation>Le mot de passe compte de 8 à 128 caractères.</translation>
    </message>
    <message>
        <source>Some details were not accepted. Check them and try again.</source>
        <translation>Certaines informations n’ont pas été acceptées. Vérifiez-les et réessayez.</translation>
    </message>
    <message>
        <source>Your available balance is too low for this payment.</source>
        <translation>Votre solde disponible est insuffisant pour ce paiement.</translation>
    </message>
    <message>
        <source>This is over your payment limits. See the limits on the Wallet page.</source>
        <translation>Cela dépasse vos plafonds de paiement. Consultez-les sur la page Portefeuille.</translation>
    </message>
    <message>
        <source>That amount is in another currency than your wallet.</source>
        <translation>Ce montant n’est pas dans la devise de votre portefeuille.</translation>
    </message>
    <message>
        <source>You can&apos;t pay yourself.</source>
        <translation>Vous ne pouvez pas vous payer vous-même.</translation>
    </message>
    <message>
        <source>This person can&apos;t receive payments right now.</source>
        <translation>Cette personne ne peut pas recevoir de paiements pour le moment.</translation>
    </message>
    <message>
        <source>The card was declined. Nothing was charged.</source>
        <translation>La carte a été refusée. Rien n’a été débité.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find that person or request. Check it and try again.</source>
        <translation>Personne ou demande introuvable. Vérifiez et réessayez.</translation>
    </message>
    <message>
        <source>You&apos;re not allowed to do that.</source>
        <translation>Vous n’avez pas le droit de faire cela.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>Saisissez un montant.</translation>
    </message>
    <message>
        <source>The amount can&apos;t be negative.</source>
        <translation>Le montant ne peut pas être négatif.</translation>
    </message>
    <message>
        <source>This currency has no cents.</source>
        <translation>Cette devise n’a pas de centimes.</translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n decimal(s).</source>
        <translation>
            <numerusform>Utilisez au plus %n décimale.</numerusform>
            <numerusform>Utilisez au plus %n décimales.</numerusform>
        </translation>
    </message>
    <message>
        <source>That amount is too large.</source>
        <translation>Ce montant est trop élevé.</translation>
    </message>
    <message>
        <source>That&apos;s more than your available balance.</source>
        <translation>C’est plus que votre solde disponible.</translation>
    </message>
    <message>
        <source>That&apos;s over your limit for one payment.</source>
        <translation>Cela dépasse votre plafond par paiement.</translation>
    </message>
    <message>
        <source>That isn&apos;t an amount. Type it like %1.</source>
        <translation>Ce n’est pas un montant. Saisissez-le comme %1.</translation>
    </message>
    <message>
        <source>This isn&apos;t a Plaza payment link. Links look like plaza://pay/…</source>
        <translation>Ce n’est pas un lien de paiement Plaza. Les liens ressemblent à plaza://pay/…</translation>
    </message>
    <message>
        <source>Plaza only opens plaza://pay links.</source>
        <translation>Plaza n’ouvre que les liens plaza://pay.</translation>
    </message>
    <message>
        <source>This payment request doesn&apos;t exist. Ask for a new link.</source>
        <translation>Cette demande de paiement n’existe pas. Demandez un nouveau lien.</translation>
    </message>
    <message>
        <source>This request has already been paid. Nothing more to do.</source>
        <translation>Cette demande a déjà été payée. Il n’y a plus rien à faire.</translation>
    </message>
    <message>
        <source>This request was cancelled by the person who sent it.</source>
        <translation>Cette demande a été annulée par la personne qui l’a envoyée.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Connect to see and pay this request.</source>
        <translation>Vous êtes hors ligne. Connectez-vous pour voir et payer cette demande.</translation>
    </message>
    <message>
        <source>Notes are at most 140 characters.</source>
        <translation>Les notes font au plus 140 caractères.</translation>
    </message>
    <message>
        <source>Choose who to pay from the list.</source>
        <translation>Choisissez dans la liste la personne à payer.</translation>
    </message>
    <message>
        <source>This request was declined.</source>
        <translation>Cette demande a été refusée.</translation>
    </message>
    <message>
        <source>This request has expired. Ask for a new one.</source>
        <translation>Cette demande a expiré. Demandez-en une nouvelle.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Wait a minute, then try again.</source>
        <translation>Trop de codes erronés. Patientez une minute, puis réessayez.</translation>
    </message>
    <message>
        <source>That code isn&apos;t right, or it was already used. Wait for the next code and try again.</source>
        <translation>Ce code est incorrect ou a déjà servi. Attendez le code suivant et réessayez.</translation>
    </message>
    <message>
        <source>This sign-in expired or had too many wrong codes. Enter your password again.</source>
        <translation>Cette connexion a expiré ou a reçu trop de codes erronés. Saisissez de nouveau votre mot de passe.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is already on.</source>
        <translation>La connexion à deux facteurs est déjà activée.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is already off.</source>
        <translation>La connexion à deux facteurs est déjà désactivée.</translation>
    </message>
    <message>
        <source>Start the set-up again.</source>
        <translation>Recommencez la configuration.</translation>
    </message>
    <message>
        <source>Confirm with your password or a code first.</source>
        <translation>Confirmez d’abord avec votre mot de passe ou un code.</translation>
    </message>
    <message>
        <source>Enter an amount, such as 100.</source>
        <translation>Saisissez un montant, par exemple 100.</translation>
    </message>
    <message>
        <source>The server couldn&apos;t read what Plaza sent. Update Plaza, then try again.</source>
        <translation>Le serveur n’a pas pu lire ce que Plaza a envoyé. Mettez Plaza à jour, puis réessayez.</translation>
    </message>
    <message>
        <source>This was already sent with other details. Start again from the beginning.</source>
        <translation>Cela a déjà été envoyé avec d’autres détails. Recommencez depuis le début.</translation>
    </message>
    <message>
        <source>Plaza is downloading your data again. Try again in a moment.</source>
        <translation>Plaza télécharge de nouveau vos données. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>That was stopped before it finished. Try again.</source>
        <translation>L’opération a été interrompue avant la fin. Réessayez.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Try again.</source>
        <translation>Un problème inattendu est survenu. Réessayez.</translation>
    </message>
    <message>
        <source>Plaza couldn&apos;t write that file. Check that the folder exists and that you can write to it.</source>
        <translation>Plaza n’a pas pu écrire ce fichier. Vérifiez que le dossier existe et que vous pouvez y écrire.</translation>
    </message>
    <message>
        <source>This link is too long for a QR code.</source>
        <translation>Ce lien est trop long pour un code QR.</translation>
    </message>
    <message>
        <source>A group needs a name of 1 to 100 characters.</source>
        <translation>Un groupe doit avoir un nom de 1 à 100 caractères.</translation>
    </message>
    <message>
        <source>A group has 1 to 49 other people.</source>
        <translation>Un groupe compte de 1 à 49 autres personnes.</translation>
    </message>
</context>
<context>
    <name>FeedPage</name>
    <message>
        <source>Following</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>Découvrir</translation>
    </message>
    <message>
        <source>Offline — showing what was saved</source>
        <translation>Hors ligne — affichage de ce qui a été enregistré</translation>
    </message>
    <message>
        <source>You&apos;re all caught up.</source>
        <translation>Vous êtes à jour.</translation>
    </message>
    <message numerus="yes">
        <source>%n new post(s)</source>
        <translation>
            <numerusform>%n nouvelle publication</numerusform>
            <numerusform>%n nouvelles publications</numerusform>
        </translation>
    </message>
    <message>
        <source>The feed couldn&apos;t load</source>
        <translation>Le fil n’a pas pu se charger</translation>
    </message>
    <message>
        <source>Nothing to discover yet</source>
        <translation>Rien à découvrir pour l’instant</translation>
    </message>
    <message>
        <source>Your feed is empty</source>
        <translation>Votre fil est vide</translation>
    </message>
    <message>
        <source>Follow people to see their posts here, or write the first one above.</source>
        <translation>Suivez des personnes pour voir leurs publications ici, ou écrivez la première ci-dessus.</translation>
    </message>
    <message>
        <source>Discover posts</source>
        <translation>Découvrir des publications</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Posts are 1 to 500 characters.</source>
        <translation>Les publications font 1 à 500 caractères.</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Signets</translation>
    </message>
    <message>
        <source>The posts you bookmarked</source>
        <translation>Les publications que vous avez ajoutées aux signets</translation>
    </message>
</context>
<context>
    <name>FeedbackFlow</name>
    <message>
        <source>Save a feedback report</source>
        <translation>Enregistrer un rapport de retour</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Report saved. Attach it to your message; it holds no tokens, keys, amounts or message text.</source>
        <translation>Rapport enregistré. Joignez-le à votre message ; il ne contient ni jeton, ni clé, ni montant, ni texte de message.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>FileRow</name>
    <message>
        <source>File %1, %2</source>
        <translation>Fichier %1, %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save %1 as…</source>
        <translation>Enregistrer %1 sous…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open the saved copy of %1</source>
        <translation>Ouvrir la copie enregistrée de %1</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>Téléchargement de %1</translation>
    </message>
    <message>
        <source>Save the file</source>
        <translation>Enregistrer le fichier</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Not available offline. Try again when you&apos;re online.</source>
        <translation>Non disponible hors ligne. Réessayez une fois en ligne.</translation>
    </message>
</context>
<context>
    <name>ForwardSheet</name>
    <message>
        <source>Forward message</source>
        <translation>Transférer le message</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Rechercher des conversations</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>You and %1</source>
        <translation>Vous et %1</translation>
    </message>
    <message>
        <source>No conversation matches.</source>
        <translation>Aucune conversation ne correspond.</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Aucune conversation pour l’instant.</translation>
    </message>
    <message numerus="yes">
        <source>You can forward to at most %n conversations at once.</source>
        <translation>
            <numerusform>Vous pouvez transférer vers au plus %n conversation à la fois.</numerusform>
            <numerusform>Vous pouvez transférer vers au plus %n conversations à la fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>You&apos;re offline. Forwarding needs a connection.</source>
        <translation>Vous êtes hors ligne. Le transfert nécessite une connexion.</translation>
    </message>
    <message numerus="yes">
        <source>Forward to %n conversations</source>
        <translation>
            <numerusform>Transférer vers %n conversation</numerusform>
            <numerusform>Transférer vers %n conversations</numerusform>
        </translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Transférer</translation>
    </message>
</context>
<context>
    <name>GoalCard</name>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1 : %2 sur %3</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Atteint</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>En bonne voie</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <source>By %1</source>
        <translation>Pour le %1</translation>
    </message>
    <message>
        <source>interest alone takes it to %1</source>
        <translation>les intérêts seuls l’amènent à %1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Just started</source>
        <translation>Tout juste commencé</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>%1 and %2 left</source>
        <extracomment>&quot;6 months and 8 days left&quot;: the two halves are translated apart for their plurals</extracomment>
        <translation>encore %1 et %2</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mois</numerusform>
            <numerusform>%n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) left</source>
        <translation>
            <numerusform>encore %n mois</numerusform>
            <numerusform>encore %n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>encore %n jour</numerusform>
            <numerusform>encore %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>add %1 now and on the 1st of each month to get there</source>
        <translation>ajoutez %1 maintenant et le 1er de chaque mois pour y arriver</translation>
    </message>
</context>
<context>
    <name>GoalSheet</name>
    <message>
        <source>Edit goal</source>
        <translation>Modifier l’objectif</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nouvel objectif</translation>
    </message>
    <message>
        <source>%1 saved so far</source>
        <translation>%1 épargnés pour l’instant</translation>
    </message>
    <message>
        <source>Set money aside for something: it stays in your savings and earns interest.</source>
        <translation>Mettez de l’argent de côté pour un projet : il reste dans votre épargne et rapporte des intérêts.</translation>
    </message>
    <message>
        <source>Names are 1 to 40 characters.</source>
        <translation>Les noms font 1 à 40 caractères.</translation>
    </message>
    <message>
        <source>Enter a target greater than zero.</source>
        <translation>Saisissez un objectif supérieur à zéro.</translation>
    </message>
    <message>
        <source>The deadline can&apos;t be in the past.</source>
        <translation>L’échéance ne peut pas être dans le passé.</translation>
    </message>
    <message>
        <source>You can have at most 20 goals.</source>
        <translation>Vous pouvez avoir au plus 20 objectifs.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Summer in Lisbon</source>
        <translation>Un été à Lisbonne</translation>
    </message>
    <message>
        <source>Target (%1)</source>
        <translation>Objectif (%1)</translation>
    </message>
    <message>
        <source>Deadline (optional)</source>
        <translation>Échéance (facultative)</translation>
    </message>
    <message>
        <source>A date like %1, or leave it empty.</source>
        <translation>Une date comme %1, ou laissez vide.</translation>
    </message>
    <message>
        <source>That isn&apos;t a date.</source>
        <translation>Ce n’est pas une date.</translation>
    </message>
    <message>
        <source>Delete goal</source>
        <translation>Supprimer l’objectif</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Create goal</source>
        <translation>Créer l’objectif</translation>
    </message>
    <message>
        <source>Choose the deadline on a calendar</source>
        <translation>Choisir l’échéance dans un calendrier</translation>
    </message>
    <message>
        <source>Choose on a calendar</source>
        <translation>Choisir dans un calendrier</translation>
    </message>
</context>
<context>
    <name>GroupLayer</name>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n membre</numerusform>
            <numerusform>%n membres</numerusform>
        </translation>
    </message>
    <message>
        <source>Add people…</source>
        <translation>Ajouter des personnes…</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (vous)</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>No members to show yet.</source>
        <translation>Aucun membre à afficher pour l’instant.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Members are changed on the server, so this waits until you&apos;re back.</source>
        <translation>Vous êtes hors ligne. Les membres se modifient sur le serveur&#xa0;: cela attendra votre retour.</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>Ajouter des personnes</translation>
    </message>
    <message>
        <source>Name or @handle</source>
        <translation>Nom ou @pseudo</translation>
    </message>
    <message>
        <source>Start typing a name or a handle.</source>
        <translation>Commencez à saisir un nom ou un pseudo.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>Personne ne correspond à « %1 ».</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Renommer le groupe</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nom du groupe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Leave %1?</source>
        <translation>Quitter %1&#xa0;?</translation>
    </message>
    <message>
        <source>You&apos;ll keep the messages up to now, but you won&apos;t get new ones or be able to write here. An admin can add you back.</source>
        <translation>Vous garderez les messages jusqu’à maintenant, mais vous n’en recevrez plus de nouveaux et ne pourrez plus écrire ici. Un admin peut vous rajouter.</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Quitter le groupe</translation>
    </message>
    <message>
        <source>Group renamed.</source>
        <translation>Groupe renommé.</translation>
    </message>
    <message>
        <source>Added to the group.</source>
        <translation>Ajouté au groupe.</translation>
    </message>
    <message>
        <source>Removed from the group.</source>
        <translation>Retiré du groupe.</translation>
    </message>
    <message>
        <source>You left the group.</source>
        <translation>Vous avez quitté le groupe.</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
    <message>
        <source>Only an admin of this group can do that.</source>
        <translation>Seul un admin de ce groupe peut faire cela.</translation>
    </message>
</context>
<context>
    <name>LockPrompt</name>
    <message>
        <source>The two entries are different.</source>
        <translation>Les deux saisies sont différentes.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Trop d’essais erronés. Attendez %n seconde, puis réessayez.</numerusform>
            <numerusform>Trop d’essais erronés. Attendez %n secondes, puis réessayez.</numerusform>
        </translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Ce code PIN est incorrect.</translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation>Cette phrase secrète est incorrecte.</translation>
    </message>
    <message>
        <source>Use 4 to 12 digits, not all the same.</source>
        <translation>Utilisez 4 à 12 chiffres, pas tous identiques.</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>Utilisez au moins 8 caractères.</translation>
    </message>
    <message>
        <source>The system keychain didn&apos;t answer, so the lock wasn&apos;t saved.</source>
        <translation>Le trousseau du système n’a pas répondu : le verrou n’a pas été enregistré.</translation>
    </message>
    <message>
        <source>Protect your payments. Choose a PIN or passphrase: Plaza asks for it before any money leaves your wallet. Only a slow hash of it is stored, never the secret itself.</source>
        <translation>Protégez vos paiements. Choisissez un code PIN ou une phrase secrète : Plaza la demande avant que l’argent ne quitte votre portefeuille. Seule une empreinte lente en est conservée, jamais le secret lui-même.</translation>
    </message>
    <message>
        <source>Enter your PIN to confirm.</source>
        <translation>Saisissez votre code PIN pour confirmer.</translation>
    </message>
    <message>
        <source>Enter your passphrase to confirm.</source>
        <translation>Saisissez votre phrase secrète pour confirmer.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>New PIN (4 to 12 digits)</source>
        <translation>Nouveau code PIN (4 à 12 chiffres)</translation>
    </message>
    <message>
        <source>New passphrase (8 characters or more)</source>
        <translation>Nouvelle phrase secrète (8 caractères ou plus)</translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation>Répétez le code PIN</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Répétez la phrase secrète</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Plaza is locked</source>
        <translation>Plaza est verrouillé</translation>
    </message>
    <message>
        <source>Enter your PIN to continue.</source>
        <translation>Saisissez votre code PIN pour continuer.</translation>
    </message>
    <message>
        <source>Enter your passphrase to continue.</source>
        <translation>Saisissez votre phrase secrète pour continuer.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s), then try again.</source>
        <translation>
            <numerusform>Trop d’essais erronés. Attendez %n seconde, puis réessayez.</numerusform>
            <numerusform>Trop d’essais erronés. Attendez %n secondes, puis réessayez.</numerusform>
        </translation>
    </message>
    <message>
        <source>That&apos;s not it. Try again.</source>
        <translation>Ce n’est pas ça. Réessayez.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Plaza — %1</source>
        <translation>Plaza — %1</translation>
    </message>
    <message>
        <source>Plaza</source>
        <translation>Plaza</translation>
    </message>
</context>
<context>
    <name>MediaTile</name>
    <message>
        <source>Photo without a description</source>
        <translation>Photo sans description</translation>
    </message>
    <message>
        <source>Opens the photo</source>
        <translation>Ouvre la photo</translation>
    </message>
    <message>
        <source>Can&apos;t show this photo</source>
        <translation>Impossible d’afficher cette photo</translation>
    </message>
    <message>
        <source>Not available offline</source>
        <translation>Non disponible hors ligne</translation>
    </message>
</context>
<context>
    <name>MediaViewer</name>
    <message>
        <source>Photo %1 of %2</source>
        <translation>Photo %1 sur %2</translation>
    </message>
    <message>
        <source>Photo without a description</source>
        <translation>Photo sans description</translation>
    </message>
    <message>
        <source>Can&apos;t show this photo</source>
        <translation>Impossible d’afficher cette photo</translation>
    </message>
    <message>
        <source>Not available offline</source>
        <translation>Non disponible hors ligne</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Dézoomer</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoomer</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>Photo précédente</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>Photo suivante</translation>
    </message>
    <message>
        <source>Save the photo</source>
        <translation>Enregistrer la photo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistrée.</translation>
    </message>
    <message>
        <source>Not available offline. Try again when you&apos;re online.</source>
        <translation>Non disponible hors ligne. Réessayez une fois en ligne.</translation>
    </message>
</context>
<context>
    <name>MentionPopup</name>
    <message>
        <source>People to mention</source>
        <translation>Personnes à mentionner</translation>
    </message>
</context>
<context>
    <name>MessageActionText</name>
    <message>
        <source>Messages can only be edited in the 48 hours after they&apos;re sent.</source>
        <translation>Un message ne peut être modifié que dans les 48 heures suivant son envoi.</translation>
    </message>
    <message>
        <source>Messages can only be deleted for everyone in the 48 hours after they&apos;re sent.</source>
        <translation>Un message ne peut être supprimé pour tout le monde que dans les 48 heures suivant son envoi.</translation>
    </message>
    <message>
        <source>Payments stay as they are: they can&apos;t be edited, deleted or forwarded.</source>
        <translation>Les paiements restent tels quels : ils ne peuvent être ni modifiés, ni supprimés, ni transférés.</translation>
    </message>
    <message>
        <source>Payment requests stay as they are: they can&apos;t be edited or deleted.</source>
        <translation>Les demandes de paiement restent telles quelles : elles ne peuvent être ni modifiées ni supprimées.</translation>
    </message>
    <message>
        <source>You can only change your own messages.</source>
        <translation>Vous ne pouvez modifier que vos propres messages.</translation>
    </message>
    <message>
        <source>This message was deleted.</source>
        <translation>Ce message a été supprimé.</translation>
    </message>
    <message>
        <source>A reaction is a single emoji.</source>
        <translation>Une réaction est un seul emoji.</translation>
    </message>
    <message>
        <source>A message is 1 to 4,000 characters, and can&apos;t carry a payment link.</source>
        <translation>Un message fait de 1 à 4 000 caractères et ne peut pas contenir de lien de paiement.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Reactions need a connection.</source>
        <translation>Vous êtes hors ligne. Les réactions nécessitent une connexion.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Editing needs a connection; your message is unchanged.</source>
        <translation>Vous êtes hors ligne. La modification nécessite une connexion ; votre message est inchangé.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Forwarding needs a connection.</source>
        <translation>Vous êtes hors ligne. Le transfert nécessite une connexion.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Deleting for everyone needs a connection.</source>
        <translation>Vous êtes hors ligne. La suppression pour tout le monde nécessite une connexion.</translation>
    </message>
</context>
<context>
    <name>MessageActionsLayer</name>
    <message>
        <source>yourself</source>
        <translation>vous-même</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>You&apos;re offline. Reactions need a connection.</source>
        <translation>Vous êtes hors ligne. Les réactions nécessitent une connexion.</translation>
    </message>
    <message>
        <source>You&apos;re offline. Editing needs a connection; your message is unchanged.</source>
        <translation>Vous êtes hors ligne. La modification nécessite une connexion ; votre message est inchangé.</translation>
    </message>
    <message>
        <source>Original message deleted</source>
        <translation>Message d’origine supprimé</translation>
    </message>
    <message>
        <source>💸 Payment of %1</source>
        <translation>💸 Paiement de %1</translation>
    </message>
    <message>
        <source>🧾 Payment request</source>
        <translation>🧾 Demande de paiement</translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n pièce jointe</numerusform>
            <numerusform>%n pièces jointes</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete for everyone?</source>
        <translation>Supprimer pour tout le monde ?</translation>
    </message>
    <message>
        <source>The message is replaced by “Message deleted” for everyone in this conversation. This can&apos;t be undone.</source>
        <translation>Le message est remplacé par « Message supprimé » pour tout le monde dans cette conversation. Cette action est définitive.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Supprimer pour tout le monde</translation>
    </message>
    <message>
        <source>Message deleted for everyone</source>
        <translation>Message supprimé pour tout le monde</translation>
    </message>
    <message>
        <source>Message deleted on this device</source>
        <translation>Message supprimé sur cet appareil</translation>
    </message>
    <message>
        <source>Message forwarded</source>
        <translation>Message transféré</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1 : %2, %3</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>💸 Payment of %1</source>
        <translation>💸 Paiement de %1</translation>
    </message>
    <message>
        <source>🧾 Request for %1</source>
        <translation>🧾 Demande de %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>🧾 Payment request</source>
        <translation>🧾 Demande de paiement</translation>
    </message>
    <message>
        <source>Show request</source>
        <translation>Voir la demande</translation>
    </message>
    <message>
        <source>Pay…</source>
        <translation>Payer…</translation>
    </message>
    <message>
        <source>Pay this request</source>
        <translation>Payer cette demande</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Request state: %1</source>
        <translation>État de la demande : %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Nouveaux messages</translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n pièce jointe</numerusform>
            <numerusform>%n pièces jointes</numerusform>
        </translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Message supprimé</translation>
    </message>
    <message>
        <source>Forwarded from %1</source>
        <translation>Transféré de %1</translation>
    </message>
    <message>
        <source>Original message deleted</source>
        <translation>Message d’origine supprimé</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifié</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n reactions</source>
        <translation>
            <numerusform>%1 : %n réaction</numerusform>
            <numerusform>%1 : %n réactions</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the files</source>
        <translation>Envoi des fichiers</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel sending this message</source>
        <translation>Annuler l’envoi de ce message</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Actions sur le message</translation>
    </message>
    <message>
        <source>Reply to %1: %2</source>
        <translation>Réponse à %1 : %2</translation>
    </message>
    <message>
        <source>Shows the original message</source>
        <translation>Affiche le message d’origine</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n personne</numerusform>
            <numerusform>%n personnes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 et %n autre</numerusform>
            <numerusform>%1 et %n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n reactions</source>
        <translation>
            <numerusform>%1 · %n réaction</numerusform>
            <numerusform>%1 · %n réactions</numerusform>
        </translation>
    </message>
    <message>
        <source>Message from a blocked person</source>
        <translation>Message d’une personne bloquée</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Signaler…</translation>
    </message>
    <message>
        <source>Report this request</source>
        <translation>Signaler cette demande</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Vous avez ajouté %1</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 a ajouté %2</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Vous avez retiré %1</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 a retiré %2</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>Vous êtes parti</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 est parti</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Vous avez renommé le groupe en « %1 »</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 a renommé le groupe en « %2 »</translation>
    </message>
    <message>
        <source>%1 is now an admin</source>
        <translation>%1 est maintenant admin</translation>
    </message>
    <message>
        <source>Payment of %1</source>
        <translation>Paiement de %1</translation>
    </message>
</context>
<context>
    <name>MessageMenu</name>
    <message>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <source>Copy amount</source>
        <translation>Copier le montant</translation>
    </message>
    <message>
        <source>Copy payment link</source>
        <translation>Copier le lien de paiement</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Réessayer l’envoi</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Reactions need a connection</source>
        <translation>Les réactions nécessitent une connexion</translation>
    </message>
    <message>
        <source>Take back your reaction %1</source>
        <translation>Retirer votre réaction %1</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>Réagir avec %1</translation>
    </message>
    <message>
        <source>More reactions…</source>
        <translation>Plus de réactions…</translation>
    </message>
    <message>
        <source>Left and Right choose a reaction</source>
        <translation>Gauche et Droite choisissent une réaction</translation>
    </message>
    <message>
        <source>Reactions need a connection.</source>
        <translation>Les réactions nécessitent une connexion.</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Transférer…</translation>
    </message>
    <message>
        <source>Delete for everyone…</source>
        <translation>Supprimer pour tout le monde…</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Supprimer pour moi</translation>
    </message>
    <message>
        <source>Report message…</source>
        <translation>Signaler le message…</translation>
    </message>
    <message>
        <source>Report request…</source>
        <translation>Signaler la demande…</translation>
    </message>
</context>
<context>
    <name>MutedSection</name>
    <message>
        <source>Unmuted. Their posts are back in your feed.</source>
        <translation>Démasqué. Ses publications sont de retour dans votre fil.</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
    <message>
        <source>Loading muted people…</source>
        <translation>Chargement des personnes masquées…</translation>
    </message>
    <message>
        <source>You&apos;re offline: this list may be out of date, and unmuting needs a connection.</source>
        <translation>Vous êtes hors ligne : cette liste n’est peut-être pas à jour, et démasquer nécessite une connexion.</translation>
    </message>
    <message>
        <source>You&apos;re offline: this list may be out of date.</source>
        <translation>Vous êtes hors ligne : cette liste n’est peut-être pas à jour.</translation>
    </message>
    <message>
        <source>Could not load the people you muted. What this device knows is shown.</source>
        <translation>Impossible de charger les personnes que vous avez masquées. Ce que cet appareil connaît est affiché.</translation>
    </message>
    <message>
        <source>You haven&apos;t muted anyone.</source>
        <translation>Vous n’avez masqué personne.</translation>
    </message>
    <message>
        <source>Muted %1</source>
        <translation>Masqué le %1</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Masqué</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Ne plus masquer</translation>
    </message>
    <message>
        <source>Unmute %1</source>
        <translation>Ne plus masquer %1</translation>
    </message>
</context>
<context>
    <name>NewConversationSheet</name>
    <message>
        <source>New conversation</source>
        <translation>Nouvelle conversation</translation>
    </message>
    <message>
        <source>Who do you want to write to?</source>
        <translation>À qui voulez-vous écrire ?</translation>
    </message>
    <message>
        <source>Name or @handle</source>
        <translation>Nom ou @pseudo</translation>
    </message>
    <message>
        <source>Start typing a name or a handle.</source>
        <translation>Commencez à taper un nom ou un pseudo.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>Personne ne correspond à « %1 ».</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <source>Give it a name and add the people in it.</source>
        <translation>Donnez-lui un nom et ajoutez-y des personnes.</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Message privé</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nom du groupe</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>%n caractère restant</numerusform>
            <numerusform>%n caractères restants</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>Ajouter des personnes</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Créer le groupe</translation>
    </message>
    <message>
        <source>You&apos;re offline. Conversations are started on the server, so this waits until you&apos;re back.</source>
        <translation>Vous êtes hors ligne. Les conversations se créent sur le serveur : il faut attendre le retour de la connexion.</translation>
    </message>
    <message numerus="yes">
        <source>Create group with %n member(s)</source>
        <translation>
            <numerusform>Créer le groupe avec %n membre</numerusform>
            <numerusform>Créer le groupe avec %n membres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>New message</source>
        <translation>Nouveau message</translation>
    </message>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n nouveau message</numerusform>
            <numerusform>%n nouveaux messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>PassphraseForm</name>
    <message>
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters. A few unrelated words work well.</source>
        <translation>
            <numerusform>Au moins %n caractère. Quelques mots sans rapport entre eux font l’affaire.</numerusform>
            <numerusform>Au moins %n caractères. Quelques mots sans rapport entre eux font l’affaire.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Utilisez au moins %n caractère.</numerusform>
            <numerusform>Utilisez au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Répétez la phrase secrète</translation>
    </message>
    <message>
        <source>The two passphrases are different.</source>
        <translation>Les deux phrases secrètes sont différentes.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <source>Set passphrase</source>
        <translation>Enregistrer la phrase secrète</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
</context>
<context>
    <name>PassphraseScreen</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Choisissez une phrase secrète</translation>
    </message>
    <message>
        <source>Unlock Plaza</source>
        <translation>Déverrouiller Plaza</translation>
    </message>
    <message>
        <source>No system keychain answered, so Plaza can&apos;t keep the key of its local cache there. Choose a passphrase to protect what Plaza stores on this device. You&apos;ll enter it each time Plaza starts.</source>
        <translation>Aucun trousseau système n’a répondu&#xa0;: Plaza ne peut pas y ranger la clé de son cache local. Choisissez une phrase secrète pour protéger ce que Plaza enregistre sur cet appareil. Vous la saisirez à chaque démarrage de Plaza.</translation>
    </message>
    <message>
        <source>No system keychain answered. Enter the passphrase you chose to unlock what Plaza stores on this device.</source>
        <translation>Aucun trousseau système n’a répondu. Saisissez la phrase secrète que vous avez choisie pour déverrouiller ce que Plaza enregistre sur cet appareil.</translation>
    </message>
    <message>
        <source>Forgot it? Sign out and start again</source>
        <translation>Oubliée&#x202f;? Déconnectez-vous et recommencez</translation>
    </message>
</context>
<context>
    <name>PasswordField</name>
    <message>
        <source>Hide password</source>
        <translation>Masquer le mot de passe</translation>
    </message>
    <message>
        <source>Show password</source>
        <translation>Afficher le mot de passe</translation>
    </message>
</context>
<context>
    <name>PayLinkSheet</name>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>En attente de confirmation</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>Non payé</translation>
    </message>
    <message>
        <source>Pay a link</source>
        <translation>Payer un lien</translation>
    </message>
    <message>
        <source>Paste a plaza://pay link someone sent you.</source>
        <translation>Collez un lien plaza://pay que l’on vous a envoyé.</translation>
    </message>
    <message>
        <source>%1 (@%2) asks you to pay</source>
        <translation>%1 (@%2) vous demande de payer</translation>
    </message>
    <message>
        <source>This is your own request. Send the link to the person who should pay it.</source>
        <translation>C’est votre propre demande. Envoyez le lien à la personne qui doit la payer.</translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation>Lien de paiement</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>to %1 (@%2)</source>
        <translation>à %1 (@%2)</translation>
    </message>
    <message>
        <source>From your wallet · %1 available</source>
        <translation>Depuis votre portefeuille · %1 disponible</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Payer %1</translation>
    </message>
    <message>
        <source>You paid %1 to %2.</source>
        <translation>Vous avez payé %1 à %2.</translation>
    </message>
    <message>
        <source>The server didn&apos;t answer in time. Plaza will retry with the same payment key until it does, so you can never pay this twice.</source>
        <translation>Le serveur n’a pas répondu à temps. Plaza réessaiera avec la même clé de paiement jusqu’à obtenir une réponse : vous ne pourrez jamais payer deux fois.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Try another link</source>
        <translation>Essayer un autre lien</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <source>Pay a request</source>
        <translation>Payer une demande</translation>
    </message>
    <message>
        <source>Confirm and pay %1</source>
        <translation>Confirmer et payer %1</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
</context>
<context>
    <name>PeopleListSection</name>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
</context>
<context>
    <name>PersonRow</name>
    <message>
        <source>%1, @%2</source>
        <translation>%1, @%2</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>sélectionné</translation>
    </message>
</context>
<context>
    <name>PostAction</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>PostActionsLayer</name>
    <message>
        <source>Posts are 1 to 500 characters.</source>
        <translation>Les publications font 1 à 500 caractères.</translation>
    </message>
    <message>
        <source>This post is gone.</source>
        <translation>Cette publication n’existe plus.</translation>
    </message>
    <message>
        <source>Only its author can change this post.</source>
        <translation>Seul son auteur peut modifier cette publication.</translation>
    </message>
    <message>
        <source>Post edited</source>
        <translation>Publication modifiée</translation>
    </message>
    <message>
        <source>Quote posted</source>
        <translation>Citation publiée</translation>
    </message>
    <message>
        <source>Post deleted</source>
        <translation>Publication supprimée</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>Ajoutée aux signets</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>Retirée des signets</translation>
    </message>
    <message>
        <source>You&apos;re offline. Editing needs a connection; your post is unchanged.</source>
        <translation>Vous êtes hors ligne. La modification nécessite une connexion ; votre publication n’a pas changé.</translation>
    </message>
    <message>
        <source>Edit post</source>
        <translation>Modifier la publication</translation>
    </message>
    <message>
        <source>Text of the post</source>
        <translation>Texte de la publication</translation>
    </message>
    <message>
        <source>Ctrl+Enter to save. Others see that it was edited.</source>
        <translation>Ctrl+Entrée pour enregistrer. Les autres verront qu’elle a été modifiée.</translation>
    </message>
    <message>
        <source>%1 / 500</source>
        <translation>%1 / 500</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>You&apos;re offline. Quoting needs a connection.</source>
        <translation>Vous êtes hors ligne. La citation nécessite une connexion.</translation>
    </message>
    <message>
        <source>Quote post</source>
        <translation>Citer la publication</translation>
    </message>
    <message>
        <source>Add your thoughts</source>
        <translation>Ajoutez votre avis</translation>
    </message>
    <message>
        <source>Your words about the quoted post</source>
        <translation>Votre texte sur la publication citée</translation>
    </message>
    <message>
        <source>Quoted post by %1</source>
        <translation>Publication citée de %1</translation>
    </message>
    <message>
        <source>Ctrl+Enter to post</source>
        <translation>Ctrl+Entrée pour publier</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publier</translation>
    </message>
    <message>
        <source>Delete this post?</source>
        <translation>Supprimer cette publication ?</translation>
    </message>
    <message>
        <source>It disappears for everyone, with its likes and reposts. This can&apos;t be undone.</source>
        <translation>Elle disparaît pour tout le monde, avec ses J’aime et ses republications. C’est irréversible.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>PostDelegate</name>
    <message>
        <source>Load missing posts</source>
        <translation>Charger les publications manquantes</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>limited-reach post, hidden</source>
        <translation>publication à portée limitée, masquée</translation>
    </message>
    <message>
        <source>%1 reposted</source>
        <translation>%1 a republié</translation>
    </message>
    <message>
        <source>Sponsored · %1</source>
        <translation>Sponsorisé · %1</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>This post has limited reach.</source>
        <translation>Cette publication a une portée limitée.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Undo repost</source>
        <translation>Annuler la republication</translation>
    </message>
    <message>
        <source>Repost</source>
        <translation>Republier</translation>
    </message>
    <message>
        <source>Unlike</source>
        <translation>Je n’aime plus</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>Why am I seeing this?</source>
        <translation>Pourquoi je vois ceci ?</translation>
    </message>
    <message>
        <source>Sending the photos</source>
        <translation>Envoi des photos</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>Quoted post deleted</source>
        <translation>Publication citée supprimée</translation>
    </message>
    <message>
        <source>Quoted post by %1</source>
        <translation>Publication citée de %1</translation>
    </message>
    <message>
        <source>Remove bookmark</source>
        <translation>Retirer des signets</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Ajouter aux signets</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>The server didn&apos;t accept this post: a photo it can&apos;t read, or text it refused.</source>
        <translation>Le serveur n’a pas accepté cette publication : une photo qu’il ne peut pas lire, ou un texte qu’il a refusé.</translation>
    </message>
    <message>
        <source>A photo of this post is too large.</source>
        <translation>Une photo de cette publication est trop lourde.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Discard this post</source>
        <translation>Supprimer cette publication</translation>
    </message>
    <message>
        <source>Cancel sending this post</source>
        <translation>Annuler l’envoi de cette publication</translation>
    </message>
    <message>
        <source>Post actions</source>
        <translation>Actions de la publication</translation>
    </message>
</context>
<context>
    <name>PostMenu</name>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>Quote…</source>
        <translation>Citer…</translation>
    </message>
    <message>
        <source>Remove bookmark</source>
        <translation>Retirer des signets</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Ajouter aux signets</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Cancel sending</source>
        <translation>Annuler l’envoi</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
</context>
<context>
    <name>ProfileSheet</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message numerus="yes">
        <source>%n follower(s)</source>
        <translation>
            <numerusform>%n abonné</numerusform>
            <numerusform>%n abonnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n following</source>
        <translation>
            <numerusform>%n abonnement</numerusform>
            <numerusform>%n abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <source>No posts yet.</source>
        <translation>Pas encore de publication.</translation>
    </message>
    <message>
        <source>Unfollow</source>
        <translation>Ne plus suivre</translation>
    </message>
    <message>
        <source>Muted. Their posts left your feed.</source>
        <translation>Masqué. Ses publications ont quitté votre fil.</translation>
    </message>
    <message>
        <source>Unmuted. Their posts are back in your feed.</source>
        <translation>Démasqué. Ses publications sont de retour dans votre fil.</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
    <message>
        <source>Unmute @%1</source>
        <translation>Ne plus masquer @%1</translation>
    </message>
    <message>
        <source>Mute @%1</source>
        <translation>Masquer @%1</translation>
    </message>
    <message>
        <source>You&apos;re offline. Muting needs a connection.</source>
        <translation>Vous êtes hors ligne. Masquer nécessite une connexion.</translation>
    </message>
    <message>
        <source>Their posts are hidden from your feed. They weren&apos;t told.</source>
        <translation>Ses publications sont masquées dans votre fil. Cette personne n’a pas été informée.</translation>
    </message>
    <message>
        <source>You won&apos;t see their posts in your feed. They won&apos;t be told.</source>
        <translation>Vous ne verrez plus ses publications dans votre fil. Cette personne n’en sera pas informée.</translation>
    </message>
    <message>
        <source>Not muted: %1</source>
        <translation>Non masqué : %1</translation>
    </message>
    <message>
        <source>Not unmuted: %1</source>
        <translation>Toujours masqué : %1</translation>
    </message>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>You&apos;re offline. Unmuting needs a connection.</source>
        <translation>Vous êtes hors ligne. Démasquer nécessite une connexion.</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Go to</source>
        <translation>Aller à</translation>
    </message>
    <message>
        <source>A conversation or a person</source>
        <translation>Une conversation ou une personne</translation>
    </message>
    <message>
        <source>Name or @handle</source>
        <translation>Nom ou @pseudo</translation>
    </message>
    <message>
        <source>Go to a conversation or a person</source>
        <translation>Aller à une conversation ou une personne</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Pas encore de conversation.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>Personne ne correspond à « %1 ».</translation>
    </message>
</context>
<context>
    <name>ReportSheet</name>
    <message>
        <source>Report a message from %1</source>
        <translation>Signaler un message de %1</translation>
    </message>
    <message>
        <source>Report a post by %1</source>
        <translation>Signaler une publication de %1</translation>
    </message>
    <message>
        <source>Report a request from %1</source>
        <translation>Signaler une demande de %1</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Signaler %1</translation>
    </message>
    <message>
        <source>Plaza&apos;s team reviews every report. %1 isn&apos;t told who reported them.</source>
        <translation>L’équipe Plaza examine chaque signalement. %1 ne saura pas qui l’a signalé.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Spam</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>A scam or fraud</source>
        <translation>Une arnaque ou une fraude</translation>
    </message>
    <message>
        <source>Harassment or abuse</source>
        <translation>Du harcèlement ou des abus</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Autre chose</translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation>Ce qui s’est passé (facultatif)</translation>
    </message>
    <message>
        <source>Also decline this request</source>
        <translation>Refuser aussi cette demande</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signaler</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
</context>
<context>
    <name>RequestSheet</name>
    <message>
        <source>Your payment request</source>
        <translation>Votre demande de paiement</translation>
    </message>
    <message>
        <source>Request money</source>
        <translation>Demander de l’argent</translation>
    </message>
    <message>
        <source>Anyone with Plaza can pay it from this link or by scanning the code.</source>
        <translation>Toute personne ayant Plaza peut la payer avec ce lien ou en scannant le code.</translation>
    </message>
    <message>
        <source>Make a link that asks for an exact amount.</source>
        <translation>Créez un lien qui demande un montant exact.</translation>
    </message>
    <message>
        <source>The server didn&apos;t answer in time. Plaza will retry with the same key; your request will appear once it&apos;s confirmed.</source>
        <translation>Le serveur n’a pas répondu à temps. Plaza réessaiera avec la même clé ; votre demande apparaîtra dès qu’elle sera confirmée.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>Enregistrer le code QR</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>QR code saved.</source>
        <translation>Code QR enregistré.</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>What&apos;s it for?</source>
        <translation>C’est pour quoi ?</translation>
    </message>
    <message>
        <source>Dinner on Friday</source>
        <translation>Dîner de vendredi</translation>
    </message>
    <message>
        <source>%1 / 140</source>
        <translation>%1 / 140</translation>
    </message>
    <message>
        <source>Create request</source>
        <translation>Créer la demande</translation>
    </message>
    <message>
        <source>QR code of the payment link</source>
        <translation>Code QR du lien de paiement</translation>
    </message>
    <message>
        <source>Payment link</source>
        <translation>Lien de paiement</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
    <message>
        <source>Link copied.</source>
        <translation>Lien copié.</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>Enregistrer le code QR</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <source>It&apos;s in the conversation: they can pay it from there.</source>
        <translation>Elle est dans la conversation : on peut la payer depuis là.</translation>
    </message>
    <message>
        <source>Ask for an exact amount in this conversation.</source>
        <translation>Demandez un montant exact dans cette conversation.</translation>
    </message>
    <message>
        <source>Sent in the conversation.</source>
        <translation>Envoyée dans la conversation.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>RequestsPanel</name>
    <message>
        <source>Requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <source>To me</source>
        <translation>À moi</translation>
    </message>
    <message>
        <source>Requests to me</source>
        <translation>Demandes qui me sont adressées</translation>
    </message>
    <message>
        <source>From me</source>
        <translation>De moi</translation>
    </message>
    <message>
        <source>Requests from me</source>
        <translation>Mes demandes</translation>
    </message>
    <message>
        <source>Your requests could not be read from the local cache.</source>
        <translation>Impossible de lire vos demandes dans le cache local.</translation>
    </message>
    <message>
        <source>Nobody has asked you for money.</source>
        <translation>Personne ne vous a demandé d’argent.</translation>
    </message>
    <message>
        <source>You haven&apos;t asked anyone for money.</source>
        <translation>Vous n’avez demandé d’argent à personne.</translation>
    </message>
    <message>
        <source>%1 asks %2</source>
        <translation>%1 demande %2</translation>
    </message>
    <message>
        <source>You asked %1 for %2</source>
        <translation>Vous avez demandé %2 à %1</translation>
    </message>
    <message>
        <source>Link for %1</source>
        <translation>Lien pour %1</translation>
    </message>
    <message>
        <source>Pay…</source>
        <translation>Payer…</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Payer %1</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <source>Cancel this request?</source>
        <translation>Annuler cette demande ?</translation>
    </message>
    <message>
        <source>Decline this request?</source>
        <translation>Refuser cette demande ?</translation>
    </message>
    <message>
        <source>%1 will no longer be able to pay %2.</source>
        <translation>%1 ne pourra plus payer %2.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>%1 will see that you declined %2.</source>
        <translation>%1 verra que vous avez refusé %2.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
</context>
<context>
    <name>SafetyLayer</name>
    <message>
        <source>Needs a connection</source>
        <translation>Nécessite une connexion</translation>
    </message>
    <message>
        <source>Mute for 1 hour</source>
        <translation>Mettre en sourdine 1 heure</translation>
    </message>
    <message>
        <source>Mute for 8 hours</source>
        <translation>Mettre en sourdine 8 heures</translation>
    </message>
    <message>
        <source>Mute for a week</source>
        <translation>Mettre en sourdine une semaine</translation>
    </message>
    <message>
        <source>Mute until I unmute it</source>
        <translation>Mettre en sourdine jusqu’à nouvel ordre</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Réactiver les notifications</translation>
    </message>
    <message>
        <source>Report %1…</source>
        <translation>Signaler %1…</translation>
    </message>
    <message>
        <source>Block %1…</source>
        <translation>Bloquer %1…</translation>
    </message>
    <message>
        <source>Unblock %1</source>
        <translation>Débloquer %1</translation>
    </message>
    <message>
        <source>Block %1?</source>
        <translation>Bloquer %1 ?</translation>
    </message>
    <message>
        <source>They can&apos;t message you, ask you for money or see your posts, and you won&apos;t see theirs. This conversation stays readable. Open requests between you are cancelled.</source>
        <translation>Cette personne ne pourra plus vous écrire, vous demander de l’argent ni voir vos publications, et vous ne verrez plus les siennes. Cette conversation reste lisible. Les demandes en cours entre vous sont annulées.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Bloquer</translation>
    </message>
    <message>
        <source>Thanks. The report was sent.</source>
        <translation>Merci. Le signalement a été envoyé.</translation>
    </message>
    <message>
        <source>Blocked.</source>
        <translation>Bloqué.</translation>
    </message>
    <message>
        <source>Unblocked.</source>
        <translation>Débloqué.</translation>
    </message>
    <message>
        <source>Muted: no notifications from this conversation.</source>
        <translation>En sourdine : aucune notification de cette conversation.</translation>
    </message>
    <message>
        <source>Unmuted.</source>
        <translation>Notifications réactivées.</translation>
    </message>
    <message>
        <source>You&apos;re offline. This needs a connection.</source>
        <translation>Vous êtes hors ligne. Cette action nécessite une connexion.</translation>
    </message>
    <message>
        <source>Thanks. The report was sent and the request declined.</source>
        <translation>Merci. Le signalement a été envoyé et la demande refusée.</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation>Renommer le groupe…</translation>
    </message>
    <message>
        <source>Leave group…</source>
        <translation>Quitter le groupe…</translation>
    </message>
    <message>
        <source>Accepted. You can write to each other now.</source>
        <translation>Acceptée. Vous pouvez maintenant vous écrire.</translation>
    </message>
</context>
<context>
    <name>SavingsMoveSheet</name>
    <message>
        <source>That&apos;s more than %1 holds.</source>
        <translation>C’est plus que ce que contient %1.</translation>
    </message>
    <message>
        <source>the unassigned part</source>
        <translation>la part non affectée</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>En attente de confirmation</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>Non déplacé</translation>
    </message>
    <message>
        <source>Add to savings</source>
        <translation>Ajouter à l’épargne</translation>
    </message>
    <message>
        <source>Withdraw to wallet</source>
        <translation>Retirer vers le portefeuille</translation>
    </message>
    <message>
        <source>From your wallet · %1 available</source>
        <translation>Depuis votre portefeuille · %1 disponible</translation>
    </message>
    <message>
        <source>From “%1” · %2 saved</source>
        <translation>Depuis « %1 » · %2 épargnés</translation>
    </message>
    <message>
        <source>From unassigned savings · %1</source>
        <translation>Depuis l’épargne non affectée · %1</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>No goal (unassigned)</source>
        <translation>Aucun objectif (non affecté)</translation>
    </message>
    <message>
        <source>Unassigned savings</source>
        <translation>Épargne non affectée</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>from your wallet into “%1”</source>
        <translation>de votre portefeuille vers « %1 »</translation>
    </message>
    <message>
        <source>from your wallet into savings</source>
        <translation>de votre portefeuille vers l’épargne</translation>
    </message>
    <message>
        <source>from “%1” to your wallet</source>
        <translation>de « %1 » vers votre portefeuille</translation>
    </message>
    <message>
        <source>from savings to your wallet</source>
        <translation>de l’épargne vers votre portefeuille</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Ajouter %1</translation>
    </message>
    <message>
        <source>Withdraw %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Change something</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>%1 added to your savings.</source>
        <translation>%1 ajoutés à votre épargne.</translation>
    </message>
    <message>
        <source>%1 moved to your wallet.</source>
        <translation>%1 transférés vers votre portefeuille.</translation>
    </message>
    <message>
        <source>The server didn&apos;t answer in time. Plaza will retry with the same key until it does, so this can never happen twice.</source>
        <translation>Le serveur n’a pas répondu à temps. Plaza réessaiera avec la même clé jusqu’à obtenir une réponse : cela ne pourra jamais se produire deux fois.</translation>
    </message>
    <message>
        <source>Confirm and withdraw %1</source>
        <translation>Confirmer et retirer %1</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
</context>
<context>
    <name>SavingsPage</name>
    <message>
        <source>You&apos;re offline. Moving money needs a connection.</source>
        <translation>Vous êtes hors ligne. Déplacer de l’argent nécessite une connexion.</translation>
    </message>
    <message>
        <source>Offline — your savings as of %1.</source>
        <translation>Hors ligne — votre épargne telle qu’au %1.</translation>
    </message>
    <message>
        <source>Your savings as of %1; updating…</source>
        <translation>Votre épargne telle qu’au %1 ; mise à jour…</translation>
    </message>
    <message>
        <source>Your rate changes from %1 to %2 APY on %3.</source>
        <translation>Votre taux passe de %1 à %2 (taux annuel) le %3.</translation>
    </message>
    <message>
        <source>Your rate changed from %1 to %2 APY on %3.</source>
        <translation>Votre taux est passé de %1 à %2 (taux annuel) le %3.</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Épargne</translation>
    </message>
    <message>
        <source>%1 APY</source>
        <translation>%1 par an</translation>
    </message>
    <message>
        <source>Interest this month (so far)</source>
        <translation>Intérêts ce mois-ci (jusqu’ici)</translation>
    </message>
    <message>
        <source>Not in a goal</source>
        <translation>Hors objectifs</translation>
    </message>
    <message>
        <source>Add money</source>
        <translation>Ajouter de l’argent</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>In 12 months</source>
        <translation>Dans 12 mois</translation>
    </message>
    <message>
        <source>Adding each month</source>
        <translation>En ajoutant chaque mois</translation>
    </message>
    <message>
        <source>Monthly deposit for the projection</source>
        <translation>Versement mensuel pour la projection</translation>
    </message>
    <message>
        <source>As is: %1</source>
        <translation>Tel quel : %1</translation>
    </message>
    <message>
        <source>Interest earned</source>
        <translation>Intérêts gagnés</translation>
    </message>
    <message numerus="yes">
        <source>%1 over %n day(s), since %2</source>
        <translation>
            <numerusform>%1 en %n jour, depuis le %2</numerusform>
            <numerusform>%1 en %n jours, depuis le %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Interest shows here from the first day your savings earn it.</source>
        <translation>Les intérêts s’affichent ici dès le premier jour où votre épargne en rapporte.</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nouvel objectif</translation>
    </message>
    <message>
        <source>No goals yet. A goal keeps money aside for something — a trip, a bike, a rainy day — and shows if you&apos;re on track.</source>
        <translation>Pas encore d’objectif. Un objectif met de l’argent de côté pour un projet — un voyage, un vélo, les imprévus — et montre si vous êtes en bonne voie.</translation>
    </message>
    <message>
        <source>Interest earned in total (paid + this month)</source>
        <translation>Intérêts gagnés au total (versés + ce mois-ci)</translation>
    </message>
    <message numerus="yes">
        <source>With %1 today and on each 1st (%n deposit(s), %2): %3</source>
        <translation>
            <numerusform>Avec %1 aujourd’hui et chaque 1er du mois (%n versement, %2) : %3</numerusform>
            <numerusform>Avec %1 aujourd’hui et chaque 1er du mois (%n versements, %2) : %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
</context>
<context>
    <name>SendSheet</name>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>En attente de confirmation</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Send money</source>
        <translation>Envoyer de l’argent</translation>
    </message>
    <message>
        <source>Who are you paying?</source>
        <translation>Qui payez-vous ?</translation>
    </message>
    <message>
        <source>From your wallet · %1 available</source>
        <translation>Depuis votre portefeuille · %1 disponible</translation>
    </message>
    <message>
        <source>Check everything before you confirm.</source>
        <translation>Vérifiez tout avant de confirmer.</translation>
    </message>
    <message>
        <source>Name or @handle</source>
        <translation>Nom ou @pseudo</translation>
    </message>
    <message>
        <source>Search people and businesses</source>
        <translation>Rechercher des personnes et des entreprises</translation>
    </message>
    <message>
        <source>Offline: showing people you already know. You can pick someone, but sending needs a connection.</source>
        <translation>Hors ligne : voici les personnes que vous connaissez déjà. Vous pouvez choisir quelqu’un, mais l’envoi nécessite une connexion.</translation>
    </message>
    <message>
        <source>Start typing a name or a handle.</source>
        <translation>Commencez à taper un nom ou un pseudo.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>Personne ne correspond à « %1 ».</translation>
    </message>
    <message>
        <source>Choose someone else</source>
        <translation>Choisir quelqu’un d’autre</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>Up to %1 per payment · %2 left today</source>
        <translation>Jusqu’à %1 par paiement · %2 restants aujourd’hui</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>What&apos;s it for?</source>
        <translation>C’est pour quoi ?</translation>
    </message>
    <message>
        <source>%1 / 140</source>
        <translation>%1 / 140</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>to %1 (@%2)</source>
        <translation>à %1 (@%2)</translation>
    </message>
    <message>
        <source>Available after: %1</source>
        <translation>Disponible ensuite : %1</translation>
    </message>
    <message>
        <source>Send %1</source>
        <translation>Envoyer %1</translation>
    </message>
    <message>
        <source>Change something</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>%1 sent to %2.</source>
        <translation>%1 envoyés à %2.</translation>
    </message>
    <message>
        <source>The server didn&apos;t answer in time. Plaza will retry with the same payment key until it does, so this payment can never go out twice. You&apos;ll see it in your history as soon as it&apos;s confirmed.</source>
        <translation>Le serveur n’a pas répondu à temps. Plaza réessaiera avec la même clé de paiement jusqu’à obtenir une réponse : ce paiement ne pourra jamais partir deux fois. Il apparaîtra dans votre historique dès sa confirmation.</translation>
    </message>
    <message>
        <source>Edit and try again</source>
        <translation>Modifier et réessayer</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>Recent people</source>
        <translation>Personnes récentes</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Personnes trouvées</translation>
    </message>
    <message>
        <source>Confirm it&apos;s you</source>
        <translation>Confirmez que c’est bien vous</translation>
    </message>
    <message>
        <source>You signed in on this device a few minutes ago. Confirm it&apos;s you before paying.</source>
        <translation>Vous vous êtes connecté sur cet appareil il y a quelques minutes. Confirmez que c’est bien vous avant de payer.</translation>
    </message>
    <message>
        <source>This payment is at or above the amount you chose to confirm.</source>
        <translation>Ce paiement atteint le montant à partir duquel vous avez choisi de confirmer.</translation>
    </message>
    <message>
        <source>Enter your password or the code from your authenticator app.</source>
        <translation>Saisissez votre mot de passe ou le code de votre application d’authentification.</translation>
    </message>
    <message>
        <source>Enter your account password.</source>
        <translation>Saisissez le mot de passe de votre compte.</translation>
    </message>
    <message>
        <source>Password or code</source>
        <translation>Mot de passe ou code</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Confirm and send %1</source>
        <translation>Confirmer et envoyer %1</translation>
    </message>
    <message>
        <source>Confirm and send</source>
        <translation>Confirmer et envoyer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SessionsSection</name>
    <message>
        <source>Loading sessions…</source>
        <translation>Chargement des sessions…</translation>
    </message>
    <message>
        <source>Could not load your sessions. Check your connection and try again.</source>
        <translation>Impossible de charger vos sessions. Vérifiez votre connexion et réessayez.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>No sessions to show.</source>
        <translation>Aucune session à afficher.</translation>
    </message>
    <message>
        <source>Unknown device</source>
        <translation>Appareil inconnu</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>near %1</source>
        <translation>près de %1</translation>
    </message>
    <message>
        <source>Signed out %1: its sign-in was used from two places</source>
        <translation>Déconnectée le %1 : sa connexion a été utilisée depuis deux endroits</translation>
    </message>
    <message>
        <source>Last active %1</source>
        <translation>Dernière activité le %1</translation>
    </message>
    <message>
        <source>Signed in %1</source>
        <translation>Connectée le %1</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>End the session of %1</source>
        <translation>Terminer la session de %1</translation>
    </message>
    <message>
        <source>End all other sessions</source>
        <translation>Terminer toutes les autres sessions</translation>
    </message>
</context>
<context>
    <name>SettingsSheet</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>System follows your desktop&apos;s light or dark mode.</source>
        <translation>Système suit le mode clair ou sombre de votre bureau.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Dates, numbers and amounts follow the language too.</source>
        <translation>Les dates, nombres et montants suivent aussi la langue.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>App lock</source>
        <translation>Verrou de l’app</translation>
    </message>
    <message>
        <source>Not set yet. You&apos;ll be asked to set one before your first payment.</source>
        <translation>Pas encore défini. Il vous sera demandé avant votre premier paiement.</translation>
    </message>
    <message>
        <source>A PIN confirms payments.</source>
        <translation>Un code PIN confirme les paiements.</translation>
    </message>
    <message>
        <source>A passphrase confirms payments.</source>
        <translation>Une phrase secrète confirme les paiements.</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Changer…</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>Définir…</translation>
    </message>
    <message>
        <source>Lock when idle</source>
        <translation>Verrouiller en cas d’inactivité</translation>
    </message>
    <message>
        <source>Hides everything behind the app lock after this long without a key press or click.</source>
        <translation>Masque tout derrière le verrou après ce délai sans frappe ni clic.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>After 1 minute</source>
        <translation>Après 1 minute</translation>
    </message>
    <message>
        <source>After 5 minutes</source>
        <translation>Après 5 minutes</translation>
    </message>
    <message>
        <source>After 15 minutes</source>
        <translation>Après 15 minutes</translation>
    </message>
    <message>
        <source>After 1 hour</source>
        <translation>Après 1 heure</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Verrouiller maintenant</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+L</source>
        <translation>Raccourci : Ctrl+L</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>%1 — to use another server, sign out and sign in there.</source>
        <translation>%1 — pour utiliser un autre serveur, déconnectez-vous puis connectez-vous à celui-ci.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Deletes this device&apos;s cache and its key. Nothing changes on the server.</source>
        <translation>Supprime le cache de cet appareil et sa clé. Rien ne change sur le serveur.</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Se déconnecter…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>Plaza %1</source>
        <translation>Plaza %1</translation>
    </message>
    <message>
        <source>Qt %1 · %2 · MIT licence. Icons: Lucide (ISC).</source>
        <translation>Qt %1 · %2 · licence MIT. Icônes : Lucide (ISC).</translation>
    </message>
    <message>
        <source>Send feedback…</source>
        <translation>Envoyer un retour…</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>Rester dans la zone de notification</translation>
    </message>
    <message>
        <source>Closing the window keeps Plaza in the system tray; click the tray icon to bring it back.</source>
        <translation>Fermer la fenêtre garde Plaza dans la zone de notification ; cliquez sur son icône pour la rouvrir.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show notifications for new messages</source>
        <translation>Afficher une notification pour les nouveaux messages</translation>
    </message>
    <message>
        <source>While Plaza&apos;s window is in the background. When Plaza is locked, they never say who wrote or what.</source>
        <translation>Quand la fenêtre de Plaza est à l’arrière-plan. Quand Plaza est verrouillé, elles ne disent jamais qui a écrit ni quoi.</translation>
    </message>
    <message>
        <source>Show message text in notifications</source>
        <translation>Afficher le texte des messages dans les notifications</translation>
    </message>
    <message>
        <source>Off: notifications say who wrote, not what.</source>
        <translation>Désactivé : les notifications disent qui a écrit, pas quoi.</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Devices signed in to your account. Ending a session signs that device out at once.</source>
        <translation>Les appareils connectés à votre compte. Terminer une session déconnecte cet appareil immédiatement.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Changing it signs out every other device.</source>
        <translation>Le changer déconnecte tous les autres appareils.</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Changer le mot de passe…</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <source>Removes your account from the server for good. Your wallet and savings must be empty.</source>
        <translation>Supprime définitivement votre compte du serveur. Votre portefeuille et votre épargne doivent être vides.</translation>
    </message>
    <message>
        <source>Delete account…</source>
        <translation>Supprimer le compte…</translation>
    </message>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Connexion à deux facteurs</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Photos and files on this device</source>
        <translation>Photos et fichiers sur cet appareil</translation>
    </message>
    <message>
        <source>%1 of %2 used. Encrypted like the rest of your data; when space runs out, what you saw longest ago goes first.</source>
        <translation>%1 utilisés sur %2. Chiffrés comme le reste de vos données ; quand la place manque, ce que vous avez vu il y a le plus longtemps part en premier.</translation>
    </message>
    <message>
        <source>Nothing kept yet (at most %1). Photos and files you open are kept encrypted, so they show offline.</source>
        <translation>Rien de conservé pour l’instant (au plus %1). Les photos et fichiers que vous ouvrez sont conservés chiffrés, et s’affichent donc hors ligne.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vider</translation>
    </message>
    <message>
        <source>Blocked people</source>
        <translation>Personnes bloquées</translation>
    </message>
    <message>
        <source>They can&apos;t message you, ask you for money, see your posts or find you in search. Conversations with them stay readable.</source>
        <translation>Elles ne peuvent plus vous écrire, vous demander de l’argent, voir vos publications ni vous trouver dans la recherche. Les conversations avec elles restent lisibles.</translation>
    </message>
    <message>
        <source>Muted people</source>
        <translation>Personnes masquées</translation>
    </message>
    <message>
        <source>Their posts and reposts stay out of your feed; their profile still shows them. They aren&apos;t told, and messages and payments work as before.</source>
        <translation>Leurs publications et republications restent hors de votre fil ; leur profil les montre toujours. Ces personnes n’en sont pas informées, et messages et paiements fonctionnent comme avant.</translation>
    </message>
</context>
<context>
    <name>Sheet</name>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Feed</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Discussions</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Épargne</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Enter an address starting with http:// or https://</source>
        <translation>Saisissez une adresse qui commence par http:// ou https://</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>e.g. amelie</source>
        <translation>par ex. amelie</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <source>The name people see</source>
        <translation>Le nom que les autres voient</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>At least 8 characters.</source>
        <translation>Au moins 8 caractères.</translation>
    </message>
    <message>
        <source>Creating account…</source>
        <translation>Création du compte…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Créer un compte</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Enter one of your recovery codes. Each one works once.</source>
        <translation>Saisissez l’un de vos codes de secours. Chacun ne sert qu’une fois.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Saisissez le code à 6 chiffres de votre application d’authentification.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>Authentication code</source>
        <translation>Code d’authentification</translation>
    </message>
    <message>
        <source>e.g. abcd-efgh-ij</source>
        <translation>p. ex. abcd-efgh-ij</translation>
    </message>
    <message>
        <source>e.g. 123456</source>
        <translation>p. ex. 123456</translation>
    </message>
    <message>
        <source>Use the authenticator code</source>
        <translation>Utiliser le code de l’application</translation>
    </message>
    <message>
        <source>Use a recovery code</source>
        <translation>Utiliser un code de secours</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Create your Plaza account</source>
        <translation>Créez votre compte Plaza</translation>
    </message>
    <message>
        <source>Your feed, chats, wallet and savings, in one calm place.</source>
        <translation>Votre fil, vos discussions, votre portefeuille et votre épargne, réunis au calme.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Créer un compte</translation>
    </message>
    <message>
        <source>Sign in to Plaza</source>
        <translation>Connexion à Plaza</translation>
    </message>
    <message>
        <source>Pick up your feed, chats and money where you left them.</source>
        <translation>Retrouvez votre fil, vos discussions et votre argent là où vous les avez laissés.</translation>
    </message>
    <message>
        <source>Your account was deleted. This device still has its copy (posts, messages and wallet history). Delete it now?</source>
        <translation>Votre compte a été supprimé. Cet appareil en garde une copie (publications, messages et historique du portefeuille). La supprimer maintenant&#xa0;?</translation>
    </message>
    <message>
        <source>Delete the copy</source>
        <translation>Supprimer la copie</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>La garder</translation>
    </message>
    <message>
        <source>The damaged cache was kept as %1.</source>
        <translation>Le cache endommagé a été conservé sous le nom %1.</translation>
    </message>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Connexion à deux facteurs</translation>
    </message>
    <message>
        <source>Your password was right. One more step keeps your money safe.</source>
        <translation>Votre mot de passe est correct. Une étape de plus protège votre argent.</translation>
    </message>
</context>
<context>
    <name>SignInToast</name>
    <message>
        <source>an unnamed device</source>
        <translation>un appareil sans nom</translation>
    </message>
    <message>
        <source>New sign-in on %1 (%2)</source>
        <translation>Nouvelle connexion sur %1 (%2)</translation>
    </message>
    <message>
        <source>New sign-in on %1</source>
        <translation>Nouvelle connexion sur %1</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <source>Sign out of Plaza?</source>
        <translation>Se déconnecter de Plaza&#x202f;?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Sign out and delete cache</source>
        <translation>Se déconnecter et supprimer le cache</translation>
    </message>
    <message>
        <source>This deletes the local cache on this device: posts, messages and wallet history download again the next time you sign in. Nothing changes on the server.</source>
        <translation>Le cache local de cet appareil sera supprimé&#xa0;: publications, messages et historique du portefeuille seront de nouveau téléchargés à votre prochaine connexion. Rien ne change sur le serveur.</translation>
    </message>
</context>
<context>
    <name>Spinner</name>
    <message>
        <source>Loading</source>
        <translation>Chargement</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Opening Plaza</source>
        <translation>Ouverture de Plaza</translation>
    </message>
</context>
<context>
    <name>StepUpPrompt</name>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <source>You signed in on this device a few minutes ago. Confirm it&apos;s you before paying.</source>
        <translation>Vous vous êtes connecté sur cet appareil il y a quelques minutes. Confirmez que c’est bien vous avant de payer.</translation>
    </message>
    <message>
        <source>This payment is at or above the amount you chose to confirm.</source>
        <translation>Ce paiement atteint le montant à partir duquel vous avez choisi de confirmer.</translation>
    </message>
    <message>
        <source>Enter your password or the code from your authenticator app.</source>
        <translation>Saisissez votre mot de passe ou le code de votre application d’authentification.</translation>
    </message>
    <message>
        <source>Enter your account password.</source>
        <translation>Saisissez le mot de passe de votre compte.</translation>
    </message>
    <message>
        <source>Password or code</source>
        <translation>Mot de passe ou code</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Dernière synchronisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ThreadSheet</name>
    <message>
        <source>Thread</source>
        <translation>Fil de discussion</translation>
    </message>
    <message>
        <source>This post is gone.</source>
        <translation>Cette publication n’existe plus.</translation>
    </message>
    <message>
        <source>Write a reply</source>
        <translation>Écrire une réponse</translation>
    </message>
    <message>
        <source>Report post…</source>
        <translation>Signaler la publication…</translation>
    </message>
    <message>
        <source>Report this post</source>
        <translation>Signaler cette publication</translation>
    </message>
    <message>
        <source>Thanks. The report was sent.</source>
        <translation>Merci. Le signalement a été envoyé.</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <comment>minutes ago, short</comment>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <comment>hours ago, short</comment>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <comment>days ago, short</comment>
        <translation>
            <numerusform>%n j</numerusform>
            <numerusform>%n j</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Synchronisé à l’instant</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>Synchronisé il y a %n min</numerusform>
            <numerusform>Synchronisé il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n h ago</source>
        <translation>
            <numerusform>Synchronisé il y a %n h</numerusform>
            <numerusform>Synchronisé il y a %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced on %1</source>
        <translation>Synchronisé le %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
</context>
<context>
    <name>TopUpSheet</name>
    <message>
        <source>Test card · Visa ending 4242</source>
        <translation>Carte de test · Visa se terminant par 4242</translation>
    </message>
    <message>
        <source>Test card · always declined</source>
        <translation>Carte de test · toujours refusée</translation>
    </message>
    <message>
        <source>Money added</source>
        <translation>Argent ajouté</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>En attente de confirmation</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>Non ajouté</translation>
    </message>
    <message>
        <source>Add money</source>
        <translation>Ajouter de l’argent</translation>
    </message>
    <message>
        <source>From a card to your wallet · balance %1</source>
        <translation>D’une carte vers votre portefeuille · solde %1</translation>
    </message>
    <message>
        <source>This card isn&apos;t accepted.</source>
        <translation>Cette carte n’est pas acceptée.</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>These are the test server&apos;s cards: no real card is charged.</source>
        <translation>Ce sont les cartes du serveur de test : aucune vraie carte n’est débitée.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>from %1 to your wallet</source>
        <translation>de %1 vers votre portefeuille</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Ajouter %1</translation>
    </message>
    <message>
        <source>Change something</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>%1 added to your wallet.</source>
        <translation>%1 ajouté à votre portefeuille.</translation>
    </message>
    <message>
        <source>The server didn&apos;t answer in time. Plaza will retry with the same key until it does, so this can never happen twice.</source>
        <translation>Le serveur n’a pas répondu à temps. Plaza réessaiera avec la même clé jusqu’à sa réponse : cela ne peut jamais se produire deux fois.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>TransactionSheet</name>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>%1 (@%2)</source>
        <translation>%1 (@%2)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Wallet balance after</source>
        <translation>Solde du portefeuille après</translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation>Identifiant de l’opération</translation>
    </message>
    <message>
        <source>Copy the transaction ID</source>
        <translation>Copier l’identifiant de l’opération</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Payment request</source>
        <translation>Demande de paiement</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show Plaza</source>
        <translation>Afficher Plaza</translation>
    </message>
    <message>
        <source>Quit Plaza</source>
        <translation>Quitter Plaza</translation>
    </message>
    <message numerus="yes">
        <source>Plaza — %n unread message(s)</source>
        <comment>tray tooltip</comment>
        <translation>
            <numerusform>Plaza — %n message non lu</numerusform>
            <numerusform>Plaza — %n messages non lus</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TwoFactorSection</name>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Connexion à deux facteurs</translation>
    </message>
    <message>
        <source>On. Signing in asks for a code from your authenticator app after your password.</source>
        <translation>Activée. La connexion demande un code de votre application d’authentification après le mot de passe.</translation>
    </message>
    <message>
        <source>Off. Turn it on so that your password alone cannot open your account.</source>
        <translation>Désactivée. Activez-la pour que votre mot de passe seul ne suffise pas à ouvrir votre compte.</translation>
    </message>
    <message>
        <source>Turn on…</source>
        <translation>Activer…</translation>
    </message>
    <message>
        <source>Turn off…</source>
        <translation>Désactiver…</translation>
    </message>
    <message>
        <source>Your account password</source>
        <translation>Le mot de passe de votre compte</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Scan this QR code with your authenticator app, or type the key below into it. Then enter the 6-digit code it shows.</source>
        <translation>Scannez ce code QR avec votre application d’authentification, ou saisissez-y la clé ci-dessous. Puis entrez le code à 6 chiffres qu’elle affiche.</translation>
    </message>
    <message>
        <source>QR code for your authenticator app</source>
        <translation>Code QR pour votre application d’authentification</translation>
    </message>
    <message>
        <source>Key for your authenticator app</source>
        <translation>Clé pour votre application d’authentification</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copier la clé</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Code de l’application</translation>
    </message>
    <message>
        <source>e.g. 123456</source>
        <translation>p. ex. 123456</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Activer</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on. Keep these recovery codes somewhere safe: each one signs you in once if you lose your phone. They won&apos;t be shown again.</source>
        <translation>La connexion à deux facteurs est activée. Gardez ces codes de secours en lieu sûr&#xa0;: chacun permet de vous connecter une fois si vous perdez votre téléphone. Ils ne seront plus affichés.</translation>
    </message>
    <message>
        <source>Copy codes</source>
        <translation>Copier les codes</translation>
    </message>
    <message>
        <source>I saved them</source>
        <translation>Je les ai enregistrés</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Use the authenticator code</source>
        <translation>Utiliser le code de l’application</translation>
    </message>
    <message>
        <source>Use a recovery code</source>
        <translation>Utiliser un code de secours</translation>
    </message>
    <message>
        <source>Confirm payments from</source>
        <translation>Confirmer les paiements à partir de</translation>
    </message>
    <message>
        <source>Payments, paid requests and savings withdrawals at or above this amount ask for your password or a code. While it is set, every payment in the first 10 minutes after a new sign-in asks too. Leave empty for none.</source>
        <translation>Les paiements, demandes réglées et retraits d’épargne à partir de ce montant demandent votre mot de passe ou un code. Tant qu’il est défini, tout paiement dans les 10 minutes suivant une nouvelle connexion le demande aussi. Laissez vide pour aucun seuil.</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>Montant (%1)</translation>
    </message>
    <message>
        <source>No threshold</source>
        <translation>Aucun seuil</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Password or code</source>
        <translation>Mot de passe ou code</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <source>You&apos;re offline. Sending and requesting money need a connection.</source>
        <translation>Vous êtes hors ligne. Envoyer et demander de l’argent nécessitent une connexion.</translation>
    </message>
    <message>
        <source>Offline — showing your wallet as of %1. Sending and requesting need a connection.</source>
        <translation>Hors ligne — votre portefeuille tel qu’au %1. Envoyer et demander nécessitent une connexion.</translation>
    </message>
    <message>
        <source>Showing your wallet as of %1; updating…</source>
        <translation>Votre portefeuille tel qu’au %1 ; mise à jour…</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) awaiting confirmation from the server. Plaza retries each with its own key, so none can go out twice.</source>
        <translation>
            <numerusform>%n paiement en attente de confirmation du serveur. Plaza le réessaie avec sa propre clé : il ne peut pas partir deux fois.</numerusform>
            <numerusform>%n paiements en attente de confirmation du serveur. Plaza réessaie chacun avec sa propre clé : aucun ne peut partir deux fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Loading your balance</source>
        <translation>Chargement de votre solde</translation>
    </message>
    <message>
        <source>Your balance shows here once Plaza is back online.</source>
        <translation>Votre solde s’affichera ici dès que Plaza sera de nouveau en ligne.</translation>
    </message>
    <message>
        <source>%1 available</source>
        <translation>%1 disponible</translation>
    </message>
    <message>
        <source>Fully verified</source>
        <translation>Entièrement vérifié</translation>
    </message>
    <message>
        <source>Basic verification</source>
        <translation>Vérification de base</translation>
    </message>
    <message>
        <source>Up to %1 per payment · %2 of %3 left today</source>
        <translation>Jusqu’à %1 par paiement · %2 sur %3 restants aujourd’hui</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demander</translation>
    </message>
    <message>
        <source>Pay a link</source>
        <translation>Payer un lien</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Money in</source>
        <translation>Entrées</translation>
    </message>
    <message>
        <source>Money out</source>
        <translation>Sorties</translation>
    </message>
    <message>
        <source>Kind of transaction</source>
        <translation>Type d’opération</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Search notes and people</source>
        <translation>Rechercher notes et personnes</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>Rechercher dans l’historique</translation>
    </message>
    <message>
        <source>That&apos;s everything.</source>
        <translation>C’est tout.</translation>
    </message>
    <message>
        <source>Your history couldn&apos;t be read</source>
        <translation>Impossible de lire votre historique</translation>
    </message>
    <message>
        <source>Nothing matches these filters</source>
        <translation>Rien ne correspond à ces filtres</translation>
    </message>
    <message>
        <source>No money has moved yet</source>
        <translation>Aucun mouvement d’argent pour l’instant</translation>
    </message>
    <message>
        <source>Plaza couldn&apos;t read its local cache. Try again; if it keeps failing, sign out and in again to rebuild it.</source>
        <translation>Plaza n’a pas pu lire son cache local. Réessayez ; si cela persiste, déconnectez-vous puis reconnectez-vous pour le reconstruire.</translation>
    </message>
    <message>
        <source>Try another search, or show everything.</source>
        <translation>Essayez une autre recherche, ou affichez tout.</translation>
    </message>
    <message>
        <source>Ask a friend for money with Request, or pay someone with Send. Everything you do shows up here.</source>
        <translation>Demandez de l’argent à un ami avec Demander, ou payez quelqu’un avec Envoyer. Tout ce que vous faites apparaît ici.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>Export the history as CSV</source>
        <translation>Exporter l’historique en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>History exported.</source>
        <translation>Historique exporté.</translation>
    </message>
    <message>
        <source>Transaction history</source>
        <translation>Historique des opérations</translation>
    </message>
    <message>
        <source>Add money</source>
        <translation>Ajouter de l’argent</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>WalletText</name>
    <message>
        <source>Transfer</source>
        <translation>Virement</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Card top-up</source>
        <translation>Rechargement par carte</translation>
    </message>
    <message>
        <source>To savings</source>
        <translation>Vers l’épargne</translation>
    </message>
    <message>
        <source>From savings</source>
        <translation>Depuis l’épargne</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Intérêts</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Refund from %1</source>
        <translation>Remboursement de %1</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>De %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>À %1</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Awaiting confirmation</source>
        <translation>En attente de confirmation</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
</context>
<context>
    <name>WhySheet</name>
    <message>
        <source>Why am I seeing this?</source>
        <translation>Pourquoi je vois ceci ?</translation>
    </message>
    <message>
        <source>Discover ranks posts on your device from three signals, and limits some. This post scored %1.</source>
        <translation>Découvrir classe les publications sur votre appareil selon trois signaux, et en limite certaines. Cette publication a obtenu %1.</translation>
    </message>
    <message>
        <source>How close you are to the author (%1 of 1)</source>
        <translation>Votre proximité avec l’auteur (%1 sur 1)</translation>
    </message>
    <message>
        <source>Likes, reposts and replies: %1</source>
        <translation>J’aime, republications et réponses : %1</translation>
    </message>
    <message>
        <source>Age: %1 hours</source>
        <translation>Âge : %1 heures</translation>
    </message>
    <message>
        <source>Limited reach</source>
        <translation>Portée limitée</translation>
    </message>
    <message>
        <source>Full reach</source>
        <translation>Portée complète</translation>
    </message>
    <message>
        <source>score = 3 × closeness + log₂(1 + engagement) − hours ÷ 12 − 4 if limited</source>
        <translation>score = 3 × proximité + log₂(1 + interactions) − heures ÷ 12 − 4 si limitée</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>plaza-cli</name>
    <message>
        <source>the password is wrong (nothing was changed)</source>
        <translation>le mot de passe est incorrect (rien n’a été modifié)</translation>
    </message>
    <message>
        <source>your wallet or savings still hold money: move it out first (nothing was changed)</source>
        <translation>votre portefeuille ou votre épargne contient encore de l’argent&#xa0;: retirez-le d’abord (rien n’a été modifié)</translation>
    </message>
    <message>
        <source>too many wrong passwords: try again in a minute</source>
        <translation>trop de mots de passe incorrects&#xa0;: réessayez dans une minute</translation>
    </message>
    <message>
        <source>password takes no arguments</source>
        <translation>password ne prend pas d’argument</translation>
    </message>
    <message>
        <source>Current password for @%1: </source>
        <translation>Mot de passe actuel de @%1&#xa0;: </translation>
    </message>
    <message>
        <source>New password: </source>
        <translation>Nouveau mot de passe&#xa0;: </translation>
    </message>
    <message>
        <source>New password again: </source>
        <translation>Nouveau mot de passe, encore une fois&#xa0;: </translation>
    </message>
    <message>
        <source>the two new passwords differ (nothing was changed)</source>
        <translation>les deux nouveaux mots de passe diffèrent (rien n’a été modifié)</translation>
    </message>
    <message>
        <source>password needs the current and the new password (a terminal, or --password-stdin: current on the first line, new on the second)</source>
        <translation>password a besoin du mot de passe actuel et du nouveau (un terminal, ou --password-stdin&#xa0;: l’actuel sur la première ligne, le nouveau sur la deuxième)</translation>
    </message>
    <message>
        <source>the new password is refused: %1</source>
        <translation>le nouveau mot de passe est refusé&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>password changed; %n other session(s) signed out, this device stays signed in</source>
        <translation>
            <numerusform>mot de passe modifié&#x202f;; %n autre session déconnectée, cet appareil reste connecté</numerusform>
            <numerusform>mot de passe modifié&#x202f;; %n autres sessions déconnectées, cet appareil reste connecté</numerusform>
        </translation>
    </message>
    <message>
        <source>account takes one command: delete</source>
        <translation>account prend une seule commande&#xa0;: delete</translation>
    </message>
    <message>
        <source>Deleting @%1 for good. Password: </source>
        <translation>Suppression définitive de @%1. Mot de passe&#xa0;: </translation>
    </message>
    <message>
        <source>account delete needs your password (a terminal, or --password-stdin)</source>
        <translation>account delete a besoin de votre mot de passe (un terminal, ou --password-stdin)</translation>
    </message>
    <message>
        <source>account @%1 deleted; signed out everywhere</source>
        <translation>compte @%1 supprimé&#x202f;; déconnecté partout</translation>
    </message>
    <message>
        <source>this device&apos;s copy of the account was deleted</source>
        <translation>la copie du compte sur cet appareil a été supprimée</translation>
    </message>
    <message>
        <source>this device&apos;s copy of the account is kept in %1 (delete that folder when you no longer need it, or use --delete-cache next time)</source>
        <translation>la copie du compte sur cet appareil est conservée dans %1 (supprimez ce dossier quand vous n’en avez plus besoin, ou utilisez --delete-cache la prochaine fois)</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>[muted] </source>
        <translation>[en sourdine] </translation>
    </message>
    <message>
        <source>[muted until %1] </source>
        <translation>[en sourdine jusqu’au %1] </translation>
    </message>
    <message>
        <source>[blocked] </source>
        <translation>[bloqué] </translation>
    </message>
    <message>
        <source>[request] </source>
        <translation>[demande] </translation>
    </message>
    <message numerus="yes">
        <source>[%n unread] </source>
        <translation>
            <numerusform>[%n non lu] </numerusform>
            <numerusform>[%n non lus] </numerusform>
        </translation>
    </message>
    <message>
        <source>no conversations</source>
        <translation>aucune conversation</translation>
    </message>
    <message>
        <source>(offline: as last synced)</source>
        <translation>(hors ligne&#xa0;: état de la dernière synchronisation)</translation>
    </message>
    <message>
        <source>usage: chat @handle|CONVERSATION_ID [--limit N]</source>
        <translation>utilisation&#xa0;: chat @pseudo|ID_CONVERSATION [--limit N]</translation>
    </message>
    <message>
        <source>message request from %1: they cannot see if you have read it (plaza-cli chat accept %2, or block @%3)</source>
        <translation>demande de message de %1&#xa0;: cette personne ne peut pas voir si vous l’avez lue (plaza-cli chat accept %2, ou block @%3)</translation>
    </message>
    <message>
        <source>[payment %1] %2</source>
        <translation>[paiement %1] %2</translation>
    </message>
    <message>
        <source>[deleted]</source>
        <translation>[supprimé]</translation>
    </message>
    <message>
        <source>[forwarded from %1] %2</source>
        <translation>[transféré de %1] %2</translation>
    </message>
    <message>
        <source>[reply to %1: %2] %3</source>
        <translation>[réponse à %1&#xa0;: %2] %3</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(supprimé)</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(modifié)</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>me</source>
        <comment>the sender of one&apos;s own messages</comment>
        <translation>moi</translation>
    </message>
    <message>
        <source>no messages</source>
        <translation>aucun message</translation>
    </message>
    <message>
        <source>usage: chat requests</source>
        <translation>utilisation&#xa0;: chat requests</translation>
    </message>
    <message>
        <source>no message requests</source>
        <translation>aucune demande de message</translation>
    </message>
    <message>
        <source>usage: chat accept @handle|CONVERSATION_ID</source>
        <translation>utilisation&#xa0;: chat accept @pseudo|ID_CONVERSATION</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>accepted %1</source>
        <translation>%1 acceptée</translation>
    </message>
    <message>
        <source>usage: say @handle|CONVERSATION_ID &quot;TEXT&quot;</source>
        <translation>utilisation&#xa0;: say @pseudo|ID_CONVERSATION &quot;TEXTE&quot;</translation>
    </message>
    <message>
        <source>queued — it will be sent when the server answers (client_id %1)</source>
        <translation>en file d’attente — il sera envoyé quand le serveur répondra (client_id %1)</translation>
    </message>
    <message>
        <source>sent — message %1</source>
        <translation>envoyé — message %1</translation>
    </message>
    <message>
        <source>usage: chat-search &quot;WORDS&quot; [--limit N]</source>
        <translation>utilisation&#xa0;: chat-search &quot;MOTS&quot; [--limit N]</translation>
    </message>
    <message>
        <source>no messages found</source>
        <translation>aucun message trouvé</translation>
    </message>
    <message>
        <source>usage: group &quot;TITLE&quot; @handle [@handle...]</source>
        <translation>utilisation&#xa0;: group &quot;TITRE&quot; @pseudo [@pseudo...]</translation>
    </message>
    <message>
        <source>group: members are @handles (got &quot;%1&quot;)</source>
        <translation>group&#xa0;: les membres sont des @pseudos (reçu « %1 »)</translation>
    </message>
    <message>
        <source>offline: a group is made on the server; try again when it answers</source>
        <translation>hors ligne&#xa0;: un groupe se crée sur le serveur&#x202f;; réessayez quand il répondra</translation>
    </message>
    <message>
        <source>group %1 created</source>
        <translation>groupe %1 créé</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>&#xa0;: %1</translation>
    </message>
    <message>
        <source>not signed in (plaza-cli login --server URL --handle H)</source>
        <translation>non connecté (plaza-cli login --server URL --handle H)</translation>
    </message>
    <message>
        <source>The local cache %1 is damaged. Nothing was changed.</source>
        <translation>Le cache local %1 est endommagé. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source> Run `plaza-cli logout` (it moves the damaged file aside, deleting nothing), then `plaza-cli login` to rebuild the cache.</source>
        <translation> Lancez `plaza-cli logout` (il met le fichier endommagé de côté, sans rien supprimer), puis `plaza-cli login` pour reconstruire le cache.</translation>
    </message>
    <message>
        <source>the local cache is locked</source>
        <translation>le cache local est verrouillé</translation>
    </message>
    <message>
        <source>a passphrase is needed (--passphrase-stdin or PLAZA_PASSPHRASE)</source>
        <translation>une phrase secrète est nécessaire (--passphrase-stdin ou PLAZA_PASSPHRASE)</translation>
    </message>
    <message>
        <source>the session did not start</source>
        <translation>la session n’a pas démarré</translation>
    </message>
    <message>
        <source>New passphrase for the local cache: </source>
        <translation>Nouvelle phrase secrète pour le cache local&#xa0;: </translation>
    </message>
    <message>
        <source>Passphrase: </source>
        <translation>Phrase secrète&#xa0;: </translation>
    </message>
    <message>
        <source>login needs --server URL and --handle H</source>
        <translation>login a besoin de --server URL et --handle H</translation>
    </message>
    <message>
        <source>already signed in as @%1 (plaza-cli logout first)</source>
        <translation>déjà connecté en tant que @%1 (plaza-cli logout d’abord)</translation>
    </message>
    <message>
        <source>Password for @%1: </source>
        <translation>Mot de passe de @%1&#xa0;: </translation>
    </message>
    <message>
        <source>no password (use --password-stdin or a terminal)</source>
        <translation>aucun mot de passe (utilisez --password-stdin ou un terminal)</translation>
    </message>
    <message>
        <source>Code from your authenticator app: </source>
        <translation>Code de votre application d’authentification&#xa0;: </translation>
    </message>
    <message>
        <source>this account has two-factor sign-in: give --code CODE (or --recovery-code CODE)</source>
        <translation>ce compte utilise la connexion en deux étapes&#xa0;: indiquez --code CODE (ou --recovery-code CODE)</translation>
    </message>
    <message>
        <source>signed in, but the first sync failed: %1</source>
        <translation>connecté, mais la première synchronisation a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>signed in as @%1 (%2) on %3</source>
        <translation>connecté en tant que @%1 (%2) sur %3</translation>
    </message>
    <message>
        <source>@%1 (%2) id %3 on %4</source>
        <translation>@%1 (%2) id %3 sur %4</translation>
    </message>
    <message>
        <source>sync failed: %1</source>
        <translation>échec de la synchronisation&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>applied %n event(s), cursor %1</source>
        <translation>
            <numerusform>%n événement appliqué, curseur %1</numerusform>
            <numerusform>%n événements appliqués, curseur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>server: %1</source>
        <translation>serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>account: @%1 (%2) id %3</source>
        <translation>compte&#xa0;: @%1 (%2) id %3</translation>
    </message>
    <message>
        <source>cursor: %1</source>
        <translation>curseur&#xa0;: %1</translation>
    </message>
    <message>
        <source>last sync: %1</source>
        <translation>dernière synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>online: %1</source>
        <translation>en ligne&#xa0;: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>cache: %1 (%2)</source>
        <translation>cache&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>chiffré</translation>
    </message>
    <message>
        <source>NOT ENCRYPTED</source>
        <translation>NON CHIFFRÉ</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>déconnecté</translation>
    </message>
    <message>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <source>sent the posts queued while offline</source>
        <translation>publications mises en attente hors ligne envoyées</translation>
    </message>
    <message>
        <source>   … posts missing here (the app loads them) …</source>
        <translation>   … publications manquantes ici (l’application les charge) …</translation>
    </message>
    <message>
        <source>reposted by %1</source>
        <translation>republié par %1</translation>
    </message>
    <message>
        <source>sponsored by @%1</source>
        <translation>sponsorisé par @%1</translation>
    </message>
    <message>
        <source>not sent: refused</source>
        <translation>non envoyé&#xa0;: refusé</translation>
    </message>
    <message>
        <source>reply to %1</source>
        <translation>réponse à %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modifié</translation>
    </message>
    <message>
        <source>bookmarked</source>
        <translation>dans les signets</translation>
    </message>
    <message>
        <source>%1  %2  %3 (@%4)  likes %5  reposts %6  replies %7%8%9%10</source>
        <translation>%1  %2  %3 (@%4)  J’aime %5  republications %6  réponses %7%8%9%10</translation>
    </message>
    <message>
        <source>  ♥ you</source>
        <translation>  ♥ vous</translation>
    </message>
    <message>
        <source>  ⟲ you</source>
        <translation>  ⟲ vous</translation>
    </message>
    <message>
        <source>    (limited reach: hidden)</source>
        <translation>    (portée limitée&#xa0;: masquée)</translation>
    </message>
    <message>
        <source>    &gt; (quoted post deleted)</source>
        <translation>    &gt; (publication citée supprimée)</translation>
    </message>
    <message>
        <source>    score %1 = %2</source>
        <translation>    score %1 = %2</translation>
    </message>
    <message>
        <source>no posts</source>
        <translation>aucune publication</translation>
    </message>
    <message>
        <source>usage: post &quot;TEXT&quot;</source>
        <translation>utilisation&#xa0;: post &quot;TEXTE&quot;</translation>
    </message>
    <message>
        <source>offline: queued (client_id %1); the next plaza-cli run online sends it</source>
        <translation>hors ligne&#xa0;: en file d’attente (client_id %1)&#x202f;; la prochaine exécution de plaza-cli en ligne l’enverra</translation>
    </message>
    <message>
        <source>not answered yet: queued (client_id %1); the next plaza-cli run sends it again</source>
        <translation>pas encore de réponse&#xa0;: en file d’attente (client_id %1)&#x202f;; la prochaine exécution de plaza-cli la renverra</translation>
    </message>
    <message>
        <source>posted %1</source>
        <translation>%1 publiée</translation>
    </message>
    <message>
        <source>usage: repost POST_ID</source>
        <translation>utilisation&#xa0;: repost ID_PUBLICATION</translation>
    </message>
    <message>
        <source>usage: like POST_ID</source>
        <translation>utilisation&#xa0;: like ID_PUBLICATION</translation>
    </message>
    <message numerus="yes">
        <source>reposted %1 (%n repost(s))</source>
        <translation>
            <numerusform>%1 republiée (%n republication)</numerusform>
            <numerusform>%1 republiée (%n republications)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>liked %1 (%n like(s))</source>
        <translation>
            <numerusform>J’aime ajouté à %1 (%n J’aime)</numerusform>
            <numerusform>J’aime ajouté à %1 (%n J’aime)</numerusform>
        </translation>
    </message>
    <message>
        <source>reposted %1</source>
        <translation>%1 republiée</translation>
    </message>
    <message>
        <source>liked %1</source>
        <translation>J’aime ajouté à %1</translation>
    </message>
    <message>
        <source>usage: post %1 POST_ID &quot;TEXT&quot;</source>
        <translation>utilisation&#xa0;: post %1 ID_PUBLICATION &quot;TEXTE&quot;</translation>
    </message>
    <message>
        <source>usage: post %1 POST_ID</source>
        <translation>utilisation&#xa0;: post %1 ID_PUBLICATION</translation>
    </message>
    <message>
        <source>offline: %1 needs a connection; nothing was changed</source>
        <translation>hors ligne&#xa0;: %1 nécessite une connexion&#x202f;; rien n’a été modifié</translation>
    </message>
    <message>
        <source>posted %1 quoting %2</source>
        <translation>%1 publiée, citant %2</translation>
    </message>
    <message>
        <source>edited %1</source>
        <translation>%1 modifiée</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>%1 supprimée</translation>
    </message>
    <message>
        <source>bookmarked %1</source>
        <translation>%1 ajoutée aux signets</translation>
    </message>
    <message>
        <source>removed the bookmark of %1</source>
        <translation>%1 retirée des signets</translation>
    </message>
    <message>
        <source>  [edited]</source>
        <translation>  [modifiée]</translation>
    </message>
    <message>
        <source>no bookmarks</source>
        <translation>aucun signet</translation>
    </message>
    <message>
        <source>usage: mute-person @handle|USER_ID</source>
        <translation>utilisation&#xa0;: mute-person @pseudo|ID_UTILISATEUR</translation>
    </message>
    <message>
        <source>usage: unmute-person @handle|USER_ID</source>
        <translation>utilisation&#xa0;: unmute-person @pseudo|ID_UTILISATEUR</translation>
    </message>
    <message>
        <source>muting someone needs the server (offline now)</source>
        <translation>masquer quelqu’un nécessite le serveur (hors ligne pour l’instant)</translation>
    </message>
    <message>
        <source>muted @%1 (%2): their posts leave your feed; they are not told</source>
        <translation>@%1 (%2) masqué&#xa0;: ses publications quittent votre fil&#x202f;; cette personne n’en est pas informée</translation>
    </message>
    <message>
        <source>unmuted %1</source>
        <translation>%1 n’est plus masqué</translation>
    </message>
    <message>
        <source>%1  @%2  %3  since %4</source>
        <translation>%1  @%2  %3  depuis le %4</translation>
    </message>
    <message>
        <source>nobody muted</source>
        <translation>personne n’est masqué</translation>
    </message>
    <message>
        <source>usage: group rename CHAT &quot;TITLE&quot;</source>
        <translation>utilisation&#xa0;: group rename CONVERSATION &quot;TITRE&quot;</translation>
    </message>
    <message>
        <source>usage: group add CHAT @handle [@handle...]</source>
        <translation>utilisation&#xa0;: group add CONVERSATION @pseudo [@pseudo...]</translation>
    </message>
    <message>
        <source>usage: group remove CHAT @handle|USER_ID</source>
        <translation>utilisation&#xa0;: group remove CONVERSATION @pseudo|ID_UTILISATEUR</translation>
    </message>
    <message>
        <source>usage: group leave CHAT</source>
        <translation>utilisation&#xa0;: group leave CONVERSATION</translation>
    </message>
    <message>
        <source>usage: group members CHAT</source>
        <translation>utilisation&#xa0;: group members CONVERSATION</translation>
    </message>
    <message>
        <source>group add: people are @handles (got &quot;%1&quot;)</source>
        <translation>group add&#xa0;: les personnes sont des @pseudos (reçu « %1 »)</translation>
    </message>
    <message>
        <source>no members</source>
        <translation>aucun membre</translation>
    </message>
    <message>
        <source>offline: a group is changed on the server; try again when it answers</source>
        <translation>hors ligne&#xa0;: un groupe se modifie sur le serveur&#x202f;; réessayez quand il répondra</translation>
    </message>
    <message>
        <source>nothing done</source>
        <translation>rien n’a été fait</translation>
    </message>
    <message>
        <source>renamed %1 to &quot;%2&quot;</source>
        <translation>%1 renommé en « %2 »</translation>
    </message>
    <message>
        <source>left %1: its history stays here, nothing new comes</source>
        <translation>vous avez quitté %1&#xa0;: son historique reste ici, rien de nouveau n’arrivera</translation>
    </message>
    <message numerus="yes">
        <source>%1 now has %n member(s)</source>
        <translation>
            <numerusform>%1 compte maintenant %n membre</numerusform>
            <numerusform>%1 compte maintenant %n membres</numerusform>
        </translation>
    </message>
    <message>
        <source>Plaza from the terminal.</source>
        <translation>Plaza depuis le terminal.</translation>
    </message>
    <message>
        <source>Commands:
  login      sign in (--server URL --handle H) and make the local cache
  register   create an account (--server URL --handle H [--display-name N])
  whoami     the signed-in account
  sync       pull what changed: &quot;applied N events, cursor M&quot;
  status     server, account, cursor, last sync, online, cache encryption
  logout     sign out and delete the local cache and its key</source>
        <translation>Commandes&#xa0;:
  login      se connecter (--server URL --handle H) et créer le cache local
  register   créer un compte (--server URL --handle H [--display-name N])
  whoami     le compte connecté
  sync       récupérer ce qui a changé&#xa0;: « N événements appliqués, curseur M »
  status     serveur, compte, curseur, dernière synchronisation, en ligne, chiffrement du cache
  logout     se déconnecter et supprimer le cache local et sa clé</translation>
    </message>
    <message>
        <source>Wallet:
  balance                         balance, limits (from the cache when offline)
  history [--in|--out] [--kind K] [--query Q] [--limit N]
  send @handle AMOUNT [NOTE] [--again]   amount in your locale (&quot;12.50&quot;); exit 5 = awaiting confirmation;
                                  the same payment still awaiting confirmation is refused unless --again
  request AMOUNT [NOTE] [--from @handle]   prints the plaza://pay link
  pay plaza://pay/ID [--yes]      shows payee, amount and note, asks unless --yes
  topup AMOUNT --card TOKEN       (test cards: tok_visa, tok_declined)
  export FILE.csv [filters]       the history as CSV (RFC 4180)
  pending                         retry payments awaiting confirmation now
  requests [--to-me|--from-me] [--limit N]   payment requests with their state, newest first
  decline ID|plaza://pay/ID       decline a request someone made of you
  cancel ID|plaza://pay/ID        cancel a request you made</source>
        <translation>Portefeuille&#xa0;:
  balance                         solde, plafonds (depuis le cache hors ligne)
  history [--in|--out] [--kind K] [--query Q] [--limit N]
  send @handle AMOUNT [NOTE] [--again]   montant dans votre format local (« 12,50 »)&#xa0;; sortie 5 = en attente de confirmation&#xa0;;
                                  le même paiement encore en attente de confirmation est refusé sans --again
  request AMOUNT [NOTE] [--from @handle]   affiche le lien plaza://pay
  pay plaza://pay/ID [--yes]      affiche le bénéficiaire, le montant et la note, demande confirmation sans --yes
  topup AMOUNT --card TOKEN       (cartes de test&#xa0;: tok_visa, tok_declined)
  export FILE.csv [filters]       l’historique en CSV (RFC 4180)
  pending                         relancer maintenant les paiements en attente de confirmation
  requests [--to-me|--from-me] [--limit N]   les demandes de paiement et leur état, les plus récentes d’abord
  decline ID|plaza://pay/ID       refuser une demande qui vous est adressée
  cancel ID|plaza://pay/ID        annuler une demande que vous avez faite</translation>
    </message>
    <message>
        <source>Savings:
  savings                         balance, APY, interest this month and in total
  deposit AMOUNT [--goal g_ID]    from the wallet into savings (exit 5 = awaiting confirmation)
  withdraw AMOUNT [--goal g_ID]   from savings to the wallet
  goals [list]                    goals with progress; goals add NAME TARGET [--deadline YYYY-MM-DD],
                                  goals rename g_ID NAME, goals target g_ID AMOUNT, goals delete g_ID</source>
        <translation>Épargne&#xa0;:
  savings                         solde, taux annuel, intérêts du mois et au total
  deposit AMOUNT [--goal g_ID]    du portefeuille vers l’épargne (sortie 5 = en attente de confirmation)
  withdraw AMOUNT [--goal g_ID]   de l’épargne vers le portefeuille
  goals [list]                    les objectifs et leur progression&#xa0;; goals add NAME TARGET [--deadline YYYY-MM-DD],
                                  goals rename g_ID NAME, goals target g_ID AMOUNT, goals delete g_ID</translation>
    </message>
    <message>
        <source>Feed:
  feed [--discover] [--limit N]   Following (newest first) or Discover (ranked, with each score&apos;s terms)
  post &quot;TEXT&quot;                     at most 500 characters; offline: queued, exit 5, sent by the next run online
  like POST_ID                    like a post (idempotent)
  repost POST_ID                  repost a post (idempotent)
  post edit POST_ID &quot;TEXT&quot;        change the text of your post (marked edited)
  post delete POST_ID             delete your post (its text goes everywhere, with its reposts)
  post quote POST_ID &quot;TEXT&quot;       a new post quoting another
  post bookmark POST_ID           keep a post in your bookmarks (private); post unbookmark POST_ID
  bookmarks [--limit N]           your bookmarks, newest first</source>
        <translation>Fil&#xa0;:
  feed [--discover] [--limit N]   Abonnements (les plus récentes d’abord) ou Découvrir (classé, avec les termes de chaque score)
  post &quot;TEXT&quot;                     500 caractères au plus&#xa0;; hors ligne&#xa0;: mise en attente, sortie 5, envoyée à la prochaine exécution en ligne
  like POST_ID                    aimer une publication (idempotent)
  repost POST_ID                  republier une publication (idempotent)
  post edit POST_ID &quot;TEXT&quot;        modifier le texte de votre publication (marquée modifiée)
  post delete POST_ID             supprimer votre publication (son texte disparaît partout, avec ses republications)
  post quote POST_ID &quot;TEXT&quot;       une nouvelle publication qui en cite une autre
  post bookmark POST_ID           garder une publication dans vos signets (privés)&#xa0;; post unbookmark POST_ID
  bookmarks [--limit N]           vos signets, les plus récents d’abord</translation>
    </message>
    <message>
        <source>Chat:
  chats                           your conversations, most recent first, with unread counts
  chat @handle|ID [--limit N]     the last messages of a conversation (a direct one with @handle)
  chat requests                   first messages from people you do not follow, waiting for you
  chat accept @handle|ID          accept a message request (replying accepts it too; block declines it)
  say @handle|ID &quot;TEXT&quot;           send through the outbox; exit 5 = queued, sent when the server answers
  chat-search &quot;WORDS&quot; [--limit N] search cached messages (accents ignored: cafe finds café)
  group &quot;TITLE&quot; @handle...       a new group with a title and these people
  group members CHAT              its members and their roles (admin, member)
  group rename CHAT &quot;TITLE&quot;       a new title (admins)
  group add CHAT @handle...       add people (admins)
  group remove CHAT @handle       remove someone (admins)
  group leave CHAT                leave it (its history stays, nothing new comes)
  attach @handle|ID FILE... [--text TEXT] [--alt TEXT]...   send files (at most 10; images lose their metadata)
  (chat prints each message&apos;s id first; these take it)
  reply MESSAGE_ID &quot;TEXT&quot;         answer a message, quoting it (through the outbox, like say)
  edit MESSAGE_ID &quot;TEXT&quot;          change your text message (within 48 h; never payments or requests)
  delete MESSAGE_ID [--for-me]    delete your message for everyone (within 48 h), or hide any on this device
  react MESSAGE_ID EMOJI          add your reaction (one emoji); unreact MESSAGE_ID EMOJI takes it back
  forward MESSAGE_ID @handle|ID...   forward a message (not a payment) to one or more conversations</source>
        <translation>Messagerie&#xa0;:
  chats                           vos conversations, les plus récentes d’abord, avec le nombre de non-lus
  chat @handle|ID [--limit N]     les derniers messages d’une conversation (privée avec @handle)
  chat requests                   les premiers messages de personnes que vous ne suivez pas, qui vous attendent
  chat accept @handle|ID          accepter une demande de message (y répondre l’accepte aussi&#xa0;; bloquer la refuse)
  say @handle|ID &quot;TEXT&quot;           envoyer par la file d’envoi&#xa0;; sortie 5 = en attente, envoyé quand le serveur répond
  chat-search &quot;WORDS&quot; [--limit N] chercher dans les messages en cache (sans tenir compte des accents&#xa0;: cafe trouve café)
  group &quot;TITLE&quot; @handle...       un nouveau groupe avec un titre et ces personnes
  group members CHAT              ses membres et leur rôle (admin, member)
  group rename CHAT &quot;TITLE&quot;       un nouveau titre (administrateurs)
  group add CHAT @handle...       ajouter des personnes (administrateurs)
  group remove CHAT @handle       retirer quelqu’un (administrateurs)
  group leave CHAT                le quitter (son historique reste, plus rien de nouveau n’arrive)
  attach @handle|ID FILE... [--text TEXT] [--alt TEXT]...   envoyer des fichiers (10 au plus&#xa0;; les images perdent leurs métadonnées)
  (chat affiche d’abord l’id de chaque message&#xa0;; les commandes suivantes le prennent)
  reply MESSAGE_ID &quot;TEXT&quot;         répondre à un message en le citant (par la file d’envoi, comme say)
  edit MESSAGE_ID &quot;TEXT&quot;          modifier votre message texte (sous 48 h&#xa0;; jamais les paiements ni les demandes)
  delete MESSAGE_ID [--for-me]    supprimer votre message pour tout le monde (sous 48 h), ou masquer n’importe lequel sur cet appareil
  react MESSAGE_ID EMOJI          ajouter votre réaction (un emoji)&#xa0;; unreact MESSAGE_ID EMOJI la retire
  forward MESSAGE_ID @handle|ID...   transférer un message (pas un paiement) vers une ou plusieurs conversations</translation>
    </message>
    <message>
        <source>Safety:
  block @handle|USER_ID           they cannot message you, pay you or ask you for money, see your posts or
                                  find you; your conversation stays readable but read-only
  unblock @handle|USER_ID         undo a block
  blocks                          the people you blocked
  mute-person @handle|USER_ID     leave their posts and reposts out of your feed (they are not told;
                                  messages and payments go on)
  unmute-person @handle|USER_ID   their posts in your feed again
  muted-people                    the people you muted in the feed
  mute @handle|ID [--for 1h|8h|1w|forever]   no notifications from a conversation (forever by default)
  unmute @handle|ID               notifications again
  report message|post|user|request ID --reason spam|abuse|scam|other [--note TEXT] [--decline]
                                  tell the moderators; --decline also declines a payment request</source>
        <translation>Sécurité&#xa0;:
  block @handle|USER_ID           cette personne ne peut plus vous écrire, vous payer, vous demander de l’argent, voir vos
                                  publications ni vous trouver&#xa0;; votre conversation reste lisible mais en lecture seule
  unblock @handle|USER_ID         annuler un blocage
  blocks                          les personnes que vous avez bloquées
  mute-person @handle|USER_ID     retirer ses publications et republications de votre fil (elle n’en est pas informée&#xa0;;
                                  messages et paiements continuent)
  unmute-person @handle|USER_ID   ses publications de nouveau dans votre fil
  muted-people                    les personnes masquées dans votre fil
  mute @handle|ID [--for 1h|8h|1w|forever]   plus de notifications d’une conversation (pour toujours par défaut)
  unmute @handle|ID               de nouveau des notifications
  report message|post|user|request ID --reason spam|abuse|scam|other [--note TEXT] [--decline]
                                  prévenir les modérateurs&#xa0;; --decline refuse aussi une demande de paiement</translation>
    </message>
    <message>
        <source>Files:
  upload FILE...                  upload files (resumed after a dropped connection); prints their ids
  post [&quot;TEXT&quot;] --image FILE [--alt TEXT]   a post with up to 4 images, each with its alt text
  download MEDIA_ID [FILE|DIR] [--thumbnail]   save a file you can see (checked against its sha256)</source>
        <translation>Fichiers&#xa0;:
  upload FILE...                  envoyer des fichiers (reprise après une coupure de connexion)&#xa0;; affiche leurs id
  post [&quot;TEXT&quot;] --image FILE [--alt TEXT]   une publication avec jusqu’à 4 images, chacune avec son texte alternatif
  download MEDIA_ID [FILE|DIR] [--thumbnail]   enregistrer un fichier que vous pouvez voir (vérifié avec son sha256)</translation>
    </message>
    <message>
        <source>Account:
  sessions [list]                 the devices signed in to your account (* marks this one)
  sessions end ID                 sign a device out now (its tokens and live connection stop)
  sessions end --others           sign out every device but this one
  password                        change your password (asks on the terminal; --password-stdin: current
                                  on the first line, new on the second); signs out every other device
  account delete [--delete-cache] delete your account (only with an empty wallet and savings); asks for
                                  your password; this device&apos;s copy is kept unless --delete-cache
  2fa [status]                    two-factor sign-in on or off, and the step-up threshold
  2fa setup                       (password) prints the secret and otpauth:// URI for an authenticator app
  2fa confirm CODE                turns it on; prints the 10 recovery codes once
  2fa disable CODE                turns it off (or: 2fa disable --recovery-code CODE)
  2fa threshold AMOUNT|off        payments at or above AMOUNT need your password or a code</source>
        <translation>Compte&#xa0;:
  sessions [list]                 les appareils connectés à votre compte (* marque celui-ci)
  sessions end ID                 déconnecter un appareil maintenant (ses jetons et sa connexion en direct s’arrêtent)
  sessions end --others           déconnecter tous les appareils sauf celui-ci
  password                        changer votre mot de passe (demandé dans le terminal&#xa0;; --password-stdin&#xa0;: l’actuel
                                  sur la première ligne, le nouveau sur la deuxième)&#xa0;; déconnecte tous les autres appareils
  account delete [--delete-cache] supprimer votre compte (seulement avec un portefeuille et une épargne vides)&#xa0;; demande
                                  votre mot de passe&#xa0;; la copie de cet appareil est conservée sans --delete-cache
  2fa [status]                    connexion en deux étapes activée ou non, et le seuil de vérification renforcée
  2fa setup                       (mot de passe) affiche le secret et l’URI otpauth:// pour une application d’authentification
  2fa confirm CODE                l’active&#xa0;; affiche une seule fois les 10 codes de récupération
  2fa disable CODE                la désactive (ou&#xa0;: 2fa disable --recovery-code CODE)
  2fa threshold AMOUNT|off        les paiements d’au moins AMOUNT demandent votre mot de passe ou un code</translation>
    </message>
    <message>
        <source>Two-factor: login asks for the code (or --code CODE / --recovery-code CODE); a payment the server
wants confirmed asks for your password or code (or --password-stdin / --code CODE).</source>
        <translation>Connexion en deux étapes&#xa0;: login demande le code (ou --code CODE / --recovery-code CODE)&#xa0;; un paiement que
le serveur veut faire confirmer demande votre mot de passe ou un code (ou --password-stdin / --code CODE).</translation>
    </message>
    <message>
        <source>login, register, whoami, sync, status, logout, balance, history, send, request, requests, decline, cancel, pay, topup, export, pending, savings, deposit, withdraw, goals, feed, post, like, repost, bookmarks, chats, chat, say, chat-search, group, reply, edit, delete, react, unreact, forward, block, unblock, blocks, mute, unmute, mute-person, unmute-person, muted-people, report, sessions, password, account, 2fa, upload, attach or download</source>
        <translation>login, register, whoami, sync, status, logout, balance, history, send, request, requests, decline, cancel, pay, topup, export, pending, savings, deposit, withdraw, goals, feed, post, like, repost, bookmarks, chats, chat, say, chat-search, group, reply, edit, delete, react, unreact, forward, block, unblock, blocks, mute, unmute, mute-person, unmute-person, muted-people, report, sessions, password, account, 2fa, upload, attach ou download</translation>
    </message>
    <message>
        <source>history/export: money received only.</source>
        <translation>history/export&#xa0;: l’argent reçu seulement.</translation>
    </message>
    <message>
        <source>history/export: money sent only.</source>
        <translation>history/export&#xa0;: l’argent envoyé seulement.</translation>
    </message>
    <message>
        <source>history/export: one kind (transfer, top_up, …).</source>
        <translation>history/export&#xa0;: un seul type (transfer, top_up, …).</translation>
    </message>
    <message>
        <source>history/export: text in the note or name.</source>
        <translation>history/export&#xa0;: texte de la note ou du nom.</translation>
    </message>
    <message>
        <source>history, chat, chat-search: at most N rows (20).</source>
        <translation>history, chat, chat-search&#xa0;: au plus N lignes (20).</translation>
    </message>
    <message>
        <source>request: who should pay.</source>
        <translation>request&#xa0;: qui doit payer.</translation>
    </message>
    <message>
        <source>requests: only those asked of you.</source>
        <translation>requests&#xa0;: seulement celles qui vous sont adressées.</translation>
    </message>
    <message>
        <source>requests: only those you asked.</source>
        <translation>requests&#xa0;: seulement celles que vous avez faites.</translation>
    </message>
    <message>
        <source>topup: the card token.</source>
        <translation>topup&#xa0;: le jeton de la carte.</translation>
    </message>
    <message>
        <source>deposit/withdraw: into or out of this goal.</source>
        <translation>deposit/withdraw&#xa0;: vers cet objectif ou depuis celui-ci.</translation>
    </message>
    <message>
        <source>goals add: YYYY-MM-DD.</source>
        <translation>goals add&#xa0;: AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>pay: do not ask for confirmation.</source>
        <translation>pay&#xa0;: ne pas demander de confirmation.</translation>
    </message>
    <message>
        <source>feed: the Discover timeline.</source>
        <translation>feed&#xa0;: le fil Découvrir.</translation>
    </message>
    <message>
        <source>sessions end: every session but this device&apos;s.</source>
        <translation>sessions end&#xa0;: toutes les sessions sauf celle de cet appareil.</translation>
    </message>
    <message>
        <source>send: even if the same payment is still awaiting confirmation.</source>
        <translation>send&#xa0;: même si le même paiement attend encore sa confirmation.</translation>
    </message>
    <message>
        <source>account delete: also delete this device&apos;s copy of the account.</source>
        <translation>account delete&#xa0;: supprimer aussi la copie du compte sur cet appareil.</translation>
    </message>
    <message>
        <source>login, send, pay, withdraw, 2fa threshold: the code of your authenticator app.</source>
        <translation>login, send, pay, withdraw, 2fa threshold&#xa0;: le code de votre application d’authentification.</translation>
    </message>
    <message>
        <source>login, 2fa disable: a recovery code instead.</source>
        <translation>login, 2fa disable&#xa0;: un code de récupération à la place.</translation>
    </message>
    <message>
        <source>post: an image to show (repeatable, at most 4).</source>
        <translation>post&#xa0;: une image à afficher (répétable, 4 au plus).</translation>
    </message>
    <message>
        <source>post, attach, upload: the alt text of each file, in order (repeatable).</source>
        <translation>post, attach, upload&#xa0;: le texte alternatif de chaque fichier, dans l’ordre (répétable).</translation>
    </message>
    <message>
        <source>attach: a message to go with the files.</source>
        <translation>attach&#xa0;: un message pour accompagner les fichiers.</translation>
    </message>
    <message>
        <source>download: the image&apos;s thumbnail.</source>
        <translation>download&#xa0;: la miniature de l’image.</translation>
    </message>
    <message>
        <source>delete: hide the message on this device only.</source>
        <translation>delete&#xa0;: masquer le message sur cet appareil seulement.</translation>
    </message>
    <message>
        <source>mute: how long (1h, 8h, 1w, forever).</source>
        <translation>mute&#xa0;: pour combien de temps (1h, 8h, 1w, forever).</translation>
    </message>
    <message>
        <source>report: spam, abuse, scam or other.</source>
        <translation>report&#xa0;: spam, abuse, scam ou other.</translation>
    </message>
    <message>
        <source>report: what happened (at most 500 characters).</source>
        <translation>report&#xa0;: ce qui s’est passé (500 caractères au plus).</translation>
    </message>
    <message>
        <source>report request: decline it too.</source>
        <translation>report request&#xa0;: la refuser aussi.</translation>
    </message>
    <message>
        <source>Server URL (login).</source>
        <translation>URL du serveur (login).</translation>
    </message>
    <message>
        <source>Your handle (login).</source>
        <translation>Votre pseudo (login).</translation>
    </message>
    <message>
        <source>Display name (register).</source>
        <translation>Nom affiché (register).</translation>
    </message>
    <message>
        <source>Read the password from the first line of stdin.</source>
        <translation>Lire le mot de passe sur la première ligne de l’entrée standard.</translation>
    </message>
    <message>
        <source>Read the cache passphrase from the next line of stdin (also PLAZA_PASSPHRASE).</source>
        <translation>Lire la phrase secrète du cache sur la ligne suivante de l’entrée standard (ou PLAZA_PASSPHRASE).</translation>
    </message>
    <message>
        <source>Never use the OS keychain: protect the cache with a passphrase.</source>
        <translation>Ne jamais utiliser le trousseau du système&#xa0;: protéger le cache par une phrase secrète.</translation>
    </message>
    <message>
        <source>Where caches live.</source>
        <translation>Où se trouvent les caches.</translation>
    </message>
    <message>
        <source>Where account.json lives.</source>
        <translation>Où se trouve account.json.</translation>
    </message>
    <message>
        <source>Log what the core does (stderr).</source>
        <translation>Journaliser ce que fait le cœur (sortie d’erreur).</translation>
    </message>
    <message>
        <source>a command expected (see --help)</source>
        <translation>une commande est attendue (voir --help)</translation>
    </message>
    <message>
        <source>--in or --out, not both</source>
        <translation>--in ou --out, pas les deux</translation>
    </message>
    <message>
        <source>--limit takes a number from 1 to 500</source>
        <translation>--limit prend un nombre de 1 à 500</translation>
    </message>
    <message>
        <source>--to-me or --from-me, not both</source>
        <translation>--to-me ou --from-me, pas les deux</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes no arguments (see --help)</source>
        <translation>« %1 » ne prend pas d’argument (voir --help)</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see --help)</source>
        <translation>commande inconnue « %1 » (voir --help)</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 n’est pas un fichier</translation>
    </message>
    <message>
        <source>more --alt texts than files</source>
        <translation>plus de textes --alt que de fichiers</translation>
    </message>
    <message>
        <source>uploaded %1</source>
        <translation>envoyé %1</translation>
    </message>
    <message>
        <source>usage: upload FILE...</source>
        <translation>utilisation&#xa0;: upload FICHIER...</translation>
    </message>
    <message>
        <source>usage: attach @handle|CONVERSATION_ID FILE... (at most %1 files) [--text TEXT] [--alt TEXT]...</source>
        <translation>utilisation&#xa0;: attach @pseudo|ID_CONVERSATION FICHIER... (%1 fichiers au plus) [--text TEXTE] [--alt TEXTE]...</translation>
    </message>
    <message>
        <source>resuming the files queued earlier (client_id %1)</source>
        <translation>reprise des fichiers mis en attente plus tôt (client_id %1)</translation>
    </message>
    <message>
        <source>queued — the files will be sent when the server answers (client_id %1)</source>
        <translation>en file d’attente — les fichiers seront envoyés quand le serveur répondra (client_id %1)</translation>
    </message>
    <message numerus="yes">
        <source>sent — message %1 with %n file(s)</source>
        <translation>
            <numerusform>envoyé — message %1 avec %n fichier</numerusform>
            <numerusform>envoyé — message %1 avec %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>usage: post [&quot;TEXT&quot;] --image FILE [--alt TEXT] (at most %1 images)</source>
        <translation>utilisation&#xa0;: post [&quot;TEXTE&quot;] --image FICHIER [--alt TEXTE] (%1 images au plus)</translation>
    </message>
    <message>
        <source>resuming the images queued earlier (client_id %1)</source>
        <translation>reprise des images mises en attente plus tôt (client_id %1)</translation>
    </message>
    <message>
        <source>the post was refused (client_id %1)</source>
        <translation>la publication a été refusée (client_id %1)</translation>
    </message>
    <message>
        <source>queued — the post goes when the server answers (client_id %1)</source>
        <translation>en file d’attente — la publication partira quand le serveur répondra (client_id %1)</translation>
    </message>
    <message>
        <source>usage: download MEDIA_ID [FILE] [--thumbnail]</source>
        <translation>utilisation&#xa0;: download ID_MÉDIA [FICHIER] [--thumbnail]</translation>
    </message>
    <message>
        <source>saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>no message %1 on this device (see `chat` for the ids)</source>
        <translation>aucun message %1 sur cet appareil (voir `chat` pour les id)</translation>
    </message>
    <message>
        <source>usage: edit MESSAGE_ID &quot;NEW TEXT&quot;</source>
        <translation>utilisation&#xa0;: edit ID_MESSAGE &quot;NOUVEAU TEXTE&quot;</translation>
    </message>
    <message>
        <source>edited — message %1</source>
        <translation>modifié — message %1</translation>
    </message>
    <message>
        <source>usage: delete MESSAGE_ID [--for-me]</source>
        <translation>utilisation&#xa0;: delete ID_MESSAGE [--for-me]</translation>
    </message>
    <message>
        <source>hidden on this device — message %1</source>
        <translation>masqué sur cet appareil — message %1</translation>
    </message>
    <message>
        <source>deleted for everyone — message %1</source>
        <translation>supprimé pour tout le monde — message %1</translation>
    </message>
    <message>
        <source>usage: react MESSAGE_ID EMOJI</source>
        <translation>utilisation&#xa0;: react ID_MESSAGE EMOJI</translation>
    </message>
    <message>
        <source>usage: unreact MESSAGE_ID EMOJI</source>
        <translation>utilisation&#xa0;: unreact ID_MESSAGE EMOJI</translation>
    </message>
    <message>
        <source>a reaction is one emoji (got &quot;%1&quot;)</source>
        <translation>une réaction est un seul emoji (reçu « %1 »)</translation>
    </message>
    <message>
        <source>no reactions</source>
        <translation>aucune réaction</translation>
    </message>
    <message>
        <source>reacted — message %1: %2</source>
        <translation>réaction ajoutée — message %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>unreacted — message %1: %2</source>
        <translation>réaction retirée — message %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>usage: reply MESSAGE_ID &quot;TEXT&quot;</source>
        <translation>utilisation&#xa0;: reply ID_MESSAGE &quot;TEXTE&quot;</translation>
    </message>
    <message>
        <source>usage: forward MESSAGE_ID @handle|CONVERSATION_ID...</source>
        <translation>utilisation&#xa0;: forward ID_MESSAGE @pseudo|ID_CONVERSATION...</translation>
    </message>
    <message>
        <source>forwarded — message %1 in %2</source>
        <translation>transféré — message %1 dans %2</translation>
    </message>
    <message>
        <source>--for takes a length like 1h, 8h, 1w or forever (got &quot;%1&quot;)</source>
        <translation>--for prend une durée comme 1h, 8h, 1w ou forever (reçu « %1 »)</translation>
    </message>
    <message>
        <source>usage: block @handle|USER_ID</source>
        <translation>utilisation&#xa0;: block @pseudo|ID_UTILISATEUR</translation>
    </message>
    <message>
        <source>usage: unblock @handle|USER_ID</source>
        <translation>utilisation&#xa0;: unblock @pseudo|ID_UTILISATEUR</translation>
    </message>
    <message>
        <source>blocked @%1 (%2): they cannot message you, pay you or ask you for money, see your posts or find you</source>
        <translation>@%1 (%2) bloqué&#xa0;: cette personne ne peut plus vous écrire, vous payer, vous demander de l’argent, voir vos publications ni vous trouver</translation>
    </message>
    <message>
        <source>unblocked %1</source>
        <translation>%1 débloqué</translation>
    </message>
    <message>
        <source>nobody blocked</source>
        <translation>personne n’est bloqué</translation>
    </message>
    <message>
        <source>usage: mute @handle|CONVERSATION_ID [--for 1h|8h|1w|forever]</source>
        <translation>utilisation&#xa0;: mute @pseudo|ID_CONVERSATION [--for 1h|8h|1w|forever]</translation>
    </message>
    <message>
        <source>usage: unmute @handle|CONVERSATION_ID</source>
        <translation>utilisation&#xa0;: unmute @pseudo|ID_CONVERSATION</translation>
    </message>
    <message>
        <source>muted %1 until %2</source>
        <translation>%1 en sourdine jusqu’au %2</translation>
    </message>
    <message>
        <source>muted %1 until you unmute it</source>
        <translation>%1 en sourdine jusqu’à ce que vous la réactiviez</translation>
    </message>
    <message>
        <source>usage: report message|post|user|request ID --reason spam|abuse|scam|other [--note TEXT] [--decline]</source>
        <translation>utilisation&#xa0;: report message|post|user|request ID --reason spam|abuse|scam|other [--note TEXTE] [--decline]</translation>
    </message>
    <message>
        <source>report: message, post, user or request (got &quot;%1&quot;)
%2</source>
        <translation>report&#xa0;: message, post, user ou request (reçu « %1 »)
%2</translation>
    </message>
    <message>
        <source>report: --reason is spam, abuse, scam or other</source>
        <translation>report&#xa0;: --reason vaut spam, abuse, scam ou other</translation>
    </message>
    <message>
        <source>report: --decline is for a payment request</source>
        <translation>report&#xa0;: --decline s’applique à une demande de paiement</translation>
    </message>
    <message>
        <source>report: --note is at most %1 characters</source>
        <translation>report&#xa0;: --note fait au plus %1 caractères</translation>
    </message>
    <message>
        <source>reported %1 %2 (%3) — report %4%5</source>
        <translation>signalé %1 %2 (%3) — signalement %4%5</translation>
    </message>
    <message>
        <source>; the request is declined</source>
        <translation>&#x202f;; la demande est refusée</translation>
    </message>
    <message>
        <source>reached</source>
        <comment>a savings goal</comment>
        <translation>atteint</translation>
    </message>
    <message>
        <source>started</source>
        <comment>a savings goal</comment>
        <translation>commencé</translation>
    </message>
    <message>
        <source>on track</source>
        <comment>a savings goal</comment>
        <translation>dans les temps</translation>
    </message>
    <message>
        <source>behind</source>
        <comment>a savings goal</comment>
        <translation>en retard</translation>
    </message>
    <message>
        <source>overdue</source>
        <comment>a savings goal</comment>
        <translation>échéance dépassée</translation>
    </message>
    <message>
        <source>%1  %2  %3 of %4</source>
        <translation>%1  %2  %3 sur %4</translation>
    </message>
    <message>
        <source>  by %1</source>
        <translation>  d’ici le %1</translation>
    </message>
    <message>
        <source> (%1 %2)</source>
        <comment>months and days left</comment>
        <translation> (%1 %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n mois</numerusform>
            <numerusform>%n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>  add %1 now and on each 1st</source>
        <translation>  ajoutez %1 maintenant et chaque 1er du mois</translation>
    </message>
    <message>
        <source>no savings yet (plaza-cli deposit AMOUNT)</source>
        <translation>pas encore d’épargne (plaza-cli deposit MONTANT)</translation>
    </message>
    <message>
        <source>no savings in the local cache yet (sync when online)</source>
        <translation>pas encore d’épargne dans le cache local (sync une fois en ligne)</translation>
    </message>
    <message>
        <source>savings: %1</source>
        <translation>épargne&#xa0;: %1</translation>
    </message>
    <message>
        <source>apy: %1</source>
        <translation>taux annuel&#xa0;: %1</translation>
    </message>
    <message>
        <source>interest this month: %1</source>
        <translation>intérêts ce mois-ci&#xa0;: %1</translation>
    </message>
    <message>
        <source>interest earned (paid + this month): %1</source>
        <translation>intérêts gagnés (versés + ce mois-ci)&#xa0;: %1</translation>
    </message>
    <message>
        <source>not in a goal: %1</source>
        <translation>hors objectif&#xa0;: %1</translation>
    </message>
    <message>
        <source>rate change: %1 → %2 from %3</source>
        <translation>changement de taux&#xa0;: %1 → %2 à partir du %3</translation>
    </message>
    <message>
        <source>goals: %1</source>
        <translation>objectifs&#xa0;: %1</translation>
    </message>
    <message>
        <source>(offline: as last synced %1)</source>
        <translation>(hors ligne&#xa0;: état de la dernière synchronisation, %1)</translation>
    </message>
    <message>
        <source>usage: deposit AMOUNT [--goal ID]</source>
        <translation>utilisation&#xa0;: deposit MONTANT [--goal ID]</translation>
    </message>
    <message>
        <source>usage: withdraw AMOUNT [--goal ID]</source>
        <translation>utilisation&#xa0;: withdraw MONTANT [--goal ID]</translation>
    </message>
    <message>
        <source>awaiting confirmation — will retry with the same key (%1)</source>
        <translation>en attente de confirmation — nouvel essai avec la même clé (%1)</translation>
    </message>
    <message>
        <source>deposited %1</source>
        <translation>%1 déposé</translation>
    </message>
    <message>
        <source>withdrew %1</source>
        <translation>%1 retiré</translation>
    </message>
    <message>
        <source>deposited %1 — transaction %2</source>
        <translation>%1 déposé — transaction %2</translation>
    </message>
    <message>
        <source>withdrew %1 — transaction %2</source>
        <translation>%1 retiré — transaction %2</translation>
    </message>
    <message>
        <source>usage: goals [list]</source>
        <translation>utilisation&#xa0;: goals [list]</translation>
    </message>
    <message>
        <source>no goals</source>
        <translation>aucun objectif</translation>
    </message>
    <message>
        <source>usage: goals add NAME TARGET [--deadline YYYY-MM-DD]</source>
        <translation>utilisation&#xa0;: goals add NOM CIBLE [--deadline AAAA-MM-JJ]</translation>
    </message>
    <message>
        <source>usage: goals %1 g_ID %2</source>
        <translation>utilisation&#xa0;: goals %1 g_ID %2</translation>
    </message>
    <message>
        <source>usage: goals delete g_ID</source>
        <translation>utilisation&#xa0;: goals delete g_ID</translation>
    </message>
    <message>
        <source>usage: goals [list|add|rename|target|delete]</source>
        <translation>utilisation&#xa0;: goals [list|add|rename|target|delete]</translation>
    </message>
    <message>
        <source>deleted %1; its money stays in savings, unassigned</source>
        <translation>%1 supprimé&#x202f;; son argent reste dans l’épargne, hors objectif</translation>
    </message>
    <message>
        <source>%1 %2  %3  %4  %5  signed in %6</source>
        <translation>%1 %2  %3  %4  %5  connecté le %6</translation>
    </message>
    <message>
        <source>  ENDED %1: %2</source>
        <translation>  TERMINÉE le %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>its refresh token was used twice (stolen?); it was signed out everywhere</source>
        <translation>son jeton de renouvellement a servi deux fois (volé&#x202f;?)&#x202f;; elle a été déconnectée partout</translation>
    </message>
    <message>
        <source>  last seen %1</source>
        <translation>  vue le %1</translation>
    </message>
    <message>
        <source>  (this device)</source>
        <translation>  (cet appareil)</translation>
    </message>
    <message>
        <source>signed out: the server ended this device&apos;s session (plaza-cli login to sign in again)</source>
        <translation>déconnecté&#xa0;: le serveur a mis fin à la session de cet appareil (plaza-cli login pour vous reconnecter)</translation>
    </message>
    <message>
        <source>sessions list takes no arguments</source>
        <translation>sessions list ne prend pas d’argument</translation>
    </message>
    <message>
        <source>sessions end takes one session id (s_…) or --others</source>
        <translation>sessions end prend un id de session (s_…) ou --others</translation>
    </message>
    <message>
        <source>sessions end takes a session id (s_…, see plaza-cli sessions) or --others, one of the two</source>
        <translation>sessions end prend un id de session (s_…, voir plaza-cli sessions) ou --others, l’un des deux</translation>
    </message>
    <message>
        <source>unknown sessions command &quot;%1&quot; (list, end ID, end --others)</source>
        <translation>commande sessions inconnue « %1 » (list, end ID, end --others)</translation>
    </message>
    <message>
        <source>no other session to end</source>
        <translation>aucune autre session à terminer</translation>
    </message>
    <message numerus="yes">
        <source>ended %n other session(s); this device stays signed in</source>
        <translation>
            <numerusform>%n autre session terminée&#x202f;; cet appareil reste connecté</numerusform>
            <numerusform>%n autres sessions terminées&#x202f;; cet appareil reste connecté</numerusform>
        </translation>
    </message>
    <message>
        <source>no session %1 on this account (plaza-cli sessions lists them)</source>
        <translation>aucune session %1 sur ce compte (plaza-cli sessions les liste)</translation>
    </message>
    <message>
        <source>%1 is this device&apos;s session: use plaza-cli logout</source>
        <translation>%1 est la session de cet appareil&#xa0;: utilisez plaza-cli logout</translation>
    </message>
    <message>
        <source>no session %1 on this account (already ended?)</source>
        <translation>aucune session %1 sur ce compte (déjà terminée&#x202f;?)</translation>
    </message>
    <message>
        <source>removed %1 from the list</source>
        <translation>%1 retirée de la liste</translation>
    </message>
    <message>
        <source>ended %1 (%2): it is signed out now</source>
        <translation>%1 (%2) terminée&#xa0;: elle est déconnectée</translation>
    </message>
    <message>
        <source>plaza-cli: %1</source>
        <translation>plaza-cli&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 — the server&apos;s answer could not be read (%2)</source>
        <translation>%1 — la réponse du serveur est illisible (%2)</translation>
    </message>
    <message>
        <source>usage: 2fa status | setup | confirm CODE | disable CODE|--recovery-code CODE | threshold AMOUNT|off</source>
        <translation>utilisation&#xa0;: 2fa status | setup | confirm CODE | disable CODE|--recovery-code CODE | threshold MONTANT|off</translation>
    </message>
    <message>
        <source>two-factor sign-in: %1</source>
        <translation>connexion en deux étapes&#xa0;: %1</translation>
    </message>
    <message>
        <source>on</source>
        <comment>two-factor sign-in</comment>
        <translation>activée</translation>
    </message>
    <message>
        <source>off</source>
        <comment>two-factor sign-in</comment>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>step-up threshold: %1</source>
        <translation>seuil de vérification renforcée&#xa0;: %1</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no step-up threshold</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <source>secret: %1</source>
        <translation>secret&#xa0;: %1</translation>
    </message>
    <message>
        <source>uri: %1</source>
        <translation>uri&#xa0;: %1</translation>
    </message>
    <message>
        <source>add it to your authenticator app, then: plaza-cli 2fa confirm CODE</source>
        <translation>ajoutez-le à votre application d’authentification, puis&#xa0;: plaza-cli 2fa confirm CODE</translation>
    </message>
    <message>
        <source>two-factor sign-in is on. Recovery codes (each works once; keep them safe, they are not shown again):</source>
        <translation>la connexion en deux étapes est activée. Codes de récupération (chacun ne sert qu’une fois&#x202f;; gardez-les en lieu sûr, ils ne seront plus affichés)&#xa0;:</translation>
    </message>
    <message>
        <source>two-factor sign-in is off</source>
        <translation>la connexion en deux étapes est désactivée</translation>
    </message>
    <message>
        <source>no wallet in the local cache yet (plaza-cli sync when online)</source>
        <translation>pas encore de portefeuille dans le cache local (plaza-cli sync une fois en ligne)</translation>
    </message>
    <message>
        <source>balance: %1</source>
        <translation>solde&#xa0;: %1</translation>
    </message>
    <message>
        <source>available: %1</source>
        <translation>disponible&#xa0;: %1</translation>
    </message>
    <message>
        <source>verification: %1</source>
        <translation>vérification&#xa0;: %1</translation>
    </message>
    <message>
        <source>limits: %1 per payment, %2 per day, %3 left today</source>
        <translation>plafonds&#xa0;: %1 par paiement, %2 par jour, %3 restants aujourd’hui</translation>
    </message>
    <message>
        <source>no transactions</source>
        <translation>aucune transaction</translation>
    </message>
    <message>
        <source>This payment needs a second check. Password or two-factor code: </source>
        <translation>Ce paiement demande une seconde vérification. Mot de passe ou code de connexion en deux étapes&#xa0;: </translation>
    </message>
    <message>
        <source>This payment needs a second check. Password: </source>
        <translation>Ce paiement demande une seconde vérification. Mot de passe&#xa0;: </translation>
    </message>
    <message>
        <source>this payment needs your password or a two-factor code (use --password-stdin or --code CODE, or a terminal); nothing was sent</source>
        <translation>ce paiement demande votre mot de passe ou un code de connexion en deux étapes (utilisez --password-stdin ou --code CODE, ou un terminal)&#x202f;; rien n’a été envoyé</translation>
    </message>
    <message>
        <source>this payment needs your password (use --password-stdin, or a terminal); nothing was sent</source>
        <translation>ce paiement demande votre mot de passe (utilisez --password-stdin, ou un terminal)&#x202f;; rien n’a été envoyé</translation>
    </message>
    <message>
        <source>usage: send @handle AMOUNT [NOTE] [--again]</source>
        <translation>utilisation&#xa0;: send @pseudo MONTANT [NOTE] [--again]</translation>
    </message>
    <message>
        <source>the same payment (%1 to %2%3) is still awaiting confirmation since %4 and may have gone through: run plaza-cli pending to settle it, or add --again to send a second one</source>
        <translation>le même paiement (%1 à %2%3) attend sa confirmation depuis %4 et a peut-être abouti&#xa0;: lancez plaza-cli pending pour le régler, ou ajoutez --again pour en envoyer un second</translation>
    </message>
    <message>
        <source>sent %1 to %2</source>
        <translation>%1 envoyé à %2</translation>
    </message>
    <message>
        <source>sent %1 to @%2 — transaction %3, balance %4</source>
        <translation>%1 envoyé à @%2 — transaction %3, solde %4</translation>
    </message>
    <message>
        <source>usage: request AMOUNT [NOTE] [--from @handle]</source>
        <translation>utilisation&#xa0;: request MONTANT [NOTE] [--from @pseudo]</translation>
    </message>
    <message>
        <source>usage: pay plaza://pay/ID [--yes]</source>
        <translation>utilisation&#xa0;: pay plaza://pay/ID [--yes]</translation>
    </message>
    <message>
        <source>pay %1 to @%2 (%3)%4</source>
        <translation>payer %1 à @%2 (%3)%4</translation>
    </message>
    <message>
        <source> for &quot;%1&quot;</source>
        <translation> pour « %1 »</translation>
    </message>
    <message>
        <source>%1? [y/N] </source>
        <translation>%1&#x202f;? [o/N] </translation>
    </message>
    <message>
        <source>y</source>
        <comment>the answer to [y/N]</comment>
        <translation>o</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer to [y/N]</comment>
        <translation>oui</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>non payé</translation>
    </message>
    <message>
        <source>paid — transaction %1</source>
        <translation>payé — transaction %1</translation>
    </message>
    <message>
        <source>anyone with the link</source>
        <translation>toute personne ayant le lien</translation>
    </message>
    <message>
        <source>asked by</source>
        <translation>demandé par</translation>
    </message>
    <message>
        <source>asked of</source>
        <translation>demandé à</translation>
    </message>
    <message>
        <source>no payment requests</source>
        <translation>aucune demande de paiement</translation>
    </message>
    <message>
        <source>usage: cancel ID|plaza://pay/ID</source>
        <translation>utilisation&#xa0;: cancel ID|plaza://pay/ID</translation>
    </message>
    <message>
        <source>usage: decline ID|plaza://pay/ID</source>
        <translation>utilisation&#xa0;: decline ID|plaza://pay/ID</translation>
    </message>
    <message>
        <source>usage: topup AMOUNT --card TOKEN</source>
        <translation>utilisation&#xa0;: topup MONTANT --card JETON</translation>
    </message>
    <message>
        <source>topped up %1</source>
        <translation>%1 rechargé</translation>
    </message>
    <message>
        <source>topped up %1 — balance %2</source>
        <translation>%1 rechargé — solde %2</translation>
    </message>
    <message>
        <source>usage: export FILE.csv [--in|--out] [--kind K] [--query Q]</source>
        <translation>utilisation&#xa0;: export FICHIER.csv [--in|--out] [--kind K] [--query Q]</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>exported %n transaction(s) to %1</source>
        <translation>
            <numerusform>%n transaction exportée vers %1</numerusform>
            <numerusform>%n transactions exportées vers %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) still awaiting confirmation — will retry with the same key</source>
        <translation>
            <numerusform>%n paiement toujours en attente de confirmation — nouvel essai avec la même clé</numerusform>
            <numerusform>%n paiements toujours en attente de confirmation — nouvel essai avec la même clé</numerusform>
        </translation>
    </message>
    <message>
        <source>no payment awaiting confirmation</source>
        <translation>aucun paiement en attente de confirmation</translation>
    </message>
    <message>
        <source>you are offline; goals change on the server</source>
        <translation>vous êtes hors ligne&#x202f;; les objectifs se modifient sur le serveur</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1&#xa0;: %2 sur %3</translation>
    </message>
</context>
</TS>
