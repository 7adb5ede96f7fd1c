<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountButton</name>
    <message>
        <source>Account: %1</source>
        <translation>Compte : %1</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>Se déconnecter…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
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
        <source>The copy of your account kept on this device can't be opened with the key Plaza has. Your posts, messages and money are safe on the server: signing in again downloads them into a new cache and deletes the unreadable one.</source>
        <translation>La copie de votre compte conservée sur cet appareil ne s’ouvre pas avec la clé dont dispose Plaza. Vos publications, vos messages et votre argent sont en sécurité sur le serveur : en vous reconnectant, ils sont téléchargés dans un nouveau cache et l’ancien, illisible, est supprimé.</translation>
    </message>
    <message>
        <source>Delete the cache and sign in again</source>
        <translation>Supprimer le cache et se reconnecter</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <source>Chat arrives soon</source>
        <translation>Les discussions arrivent bientôt</translation>
    </message>
    <message>
        <source>Conversations with friends and groups, with payments right in the thread.</source>
        <translation>Des conversations avec vos proches et vos groupes, avec les paiements directement dans le fil.</translation>
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
        <translation>Plaza : votre fil, vos discussions, votre portefeuille et votre épargne dans une seule fenêtre.</translation>
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
        <translation>Couleurs : system (système), light (clair) ou dark (sombre).</translation>
    </message>
    <message>
        <source>Sign in as this handle if signed out; the password comes from PLAZA_DEMO_PASSWORD.</source>
        <translation>Se connecter avec cet identifiant si personne n’est connecté ; le mot de passe vient de PLAZA_DEMO_PASSWORD.</translation>
    </message>
    <message>
        <source>Save a picture of the window once it is ready (or signed out), then quit.</source>
        <translation>Enregistrer une image de la fenêtre une fois prête (ou déconnectée), puis quitter.</translation>
    </message>
    <message>
        <source>plaza:// link to open.</source>
        <translation>Lien plaza:// à ouvrir.</translation>
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
        <source>Can't reach the server at %1. Check the address and your connection.</source>
        <translation>Impossible de joindre le serveur %1. Vérifiez l’adresse et votre connexion.</translation>
    </message>
    <message>
        <source>The server at %1 took too long to answer. Try again.</source>
        <translation>Le serveur %1 a mis trop de temps à répondre. Réessayez.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed, so Plaza did not send anything.</source>
        <translation>La connexion sécurisée à %1 a échoué : Plaza n’a rien envoyé.</translation>
    </message>
    <message>
        <source>The server at %1 doesn't answer like a Plaza server. Check the address.</source>
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
        <source>That passphrase doesn't unlock this device's cache. Check it and try again.</source>
        <translation>Cette phrase secrète ne déverrouille pas le cache de cet appareil. Vérifiez-la et réessayez.</translation>
    </message>
    <message>
        <source>No system keychain answered.</source>
        <translation>Aucun trousseau système n’a répondu.</translation>
    </message>
    <message>
        <source>Plaza couldn't write its local cache. Check that the disk has free space.</source>
        <translation>Plaza n’a pas pu écrire son cache local. Vérifiez qu’il reste de la place sur le disque.</translation>
    </message>
    <message>
        <source>Something went wrong (%1). Try again.</source>
        <translation>Une erreur s’est produite (%1). Réessayez.</translation>
    </message>
    <message>
        <source>Handles are 3 to 20 characters: lowercase letters, digits and underscores.</source>
        <translation>Un identifiant compte de 3 à 20 caractères : lettres minuscules, chiffres et tirets bas.</translation>
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
</context>
<context>
    <name>FeedPage</name>
    <message>
        <source>Your feed arrives soon</source>
        <translation>Votre fil arrive bientôt</translation>
    </message>
    <message>
        <source>Posts from the people you follow, and a Discover timeline that can tell you why each post is there.</source>
        <translation>Les publications des personnes que vous suivez, et un fil Découvrir qui vous dit pourquoi chaque publication s’y trouve.</translation>
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
        <translation><numerusform>Au moins %n caractère. Quelques mots sans rapport entre eux font l’affaire.</numerusform><numerusform>Au moins %n caractères. Quelques mots sans rapport entre eux font l’affaire.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation><numerusform>Utilisez au moins %n caractère.</numerusform><numerusform>Utilisez au moins %n caractères.</numerusform></translation>
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
        <source>No system keychain answered, so Plaza can't keep the key of its local cache there. Choose a passphrase to protect what Plaza stores on this device. You'll enter it each time Plaza starts.</source>
        <translation>Aucun trousseau système n’a répondu : Plaza ne peut pas y ranger la clé de son cache local. Choisissez une phrase secrète pour protéger ce que Plaza enregistre sur cet appareil. Vous la saisirez à chaque démarrage de Plaza.</translation>
    </message>
    <message>
        <source>No system keychain answered. Enter the passphrase you chose to unlock what Plaza stores on this device.</source>
        <translation>Aucun trousseau système n’a répondu. Saisissez la phrase secrète que vous avez choisie pour déverrouiller ce que Plaza enregistre sur cet appareil.</translation>
    </message>
    <message>
        <source>Forgot it? Sign out and start again</source>
        <translation>Oubliée ? Déconnectez-vous et recommencez</translation>
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
    <name>SavingsPage</name>
    <message>
        <source>Savings arrive soon</source>
        <translation>L’épargne arrive bientôt</translation>
    </message>
    <message>
        <source>A savings balance that earns interest every day, and goals to set money aside for.</source>
        <translation>Une épargne qui rapporte des intérêts chaque jour, et des objectifs pour mettre de l’argent de côté.</translation>
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
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <source>Sign out of Plaza?</source>
        <translation>Se déconnecter de Plaza ?</translation>
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
        <translation>Le cache local de cet appareil sera supprimé : publications, messages et historique du portefeuille seront de nouveau téléchargés à votre prochaine connexion. Rien ne change sur le serveur.</translation>
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
    <name>SyncStatus</name>
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
        <translation><numerusform>Synchronisé il y a %n min</numerusform><numerusform>Synchronisé il y a %n min</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Synced %n h ago</source>
        <translation><numerusform>Synchronisé il y a %n h</numerusform><numerusform>Synchronisé il y a %n h</numerusform></translation>
    </message>
    <message>
        <source>Synced on %1</source>
        <translation>Synchronisé le %1</translation>
    </message>
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
        <translation>Dernière synchronisation : %1</translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <source>Your wallet arrives soon</source>
        <translation>Votre portefeuille arrive bientôt</translation>
    </message>
    <message>
        <source>Your balance and every transaction, readable even offline, and payments to people and shops.</source>
        <translation>Votre solde et toutes vos opérations, consultables même hors ligne, et des paiements aux particuliers comme aux commerçants.</translation>
    </message>
</context>
</TS>