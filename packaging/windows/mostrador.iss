; Inno Setup 6 script for Mostrador on Windows (written and reviewed; not built here).
;
; Input: the onedir bundle from `python build_scripts/build.py` in dist\Mostrador and the icon
; in build\icons\mostrador.ico (both made by build.py on Windows).
; Build: "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\mostrador.iss
; Output: dist\Mostrador-<version>-setup.exe
;
; Per-user install by default (no administrator needed at a shop PC): {autopf} is
; %LOCALAPPDATA%\Programs there; an administrator can choose "all users" in the dialog.
; Updating = running a newer setup.exe: same AppId, so it replaces the program files in place.
; The shop's data (database, queue, settings) lives in %LOCALAPPDATA%\Mostrador (platformdirs)
; and is never touched by installing, updating or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Mostrador"
#define AppExe "mostrador.exe"
#define Root "..\.."

[Setup]
; Never change AppId: it is how updates find the installed copy.
AppId={{6F3B8A52-3E0C-4B7E-9C41-0D8E5A7B2C19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Mostrador
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=Mostrador-{#AppVersion}-setup
SetupIconFile={#Root}\build\icons\mostrador.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update while Mostrador is open: ask to close it (the queue is on disk, nothing is lost).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole onedir bundle. `ignoreversion`: PyInstaller's files carry no version resources.
Source: "{#Root}\dist\Mostrador\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update must not leave an older release's modules next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} (modo demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
