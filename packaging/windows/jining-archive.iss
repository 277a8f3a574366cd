; Inno Setup script for Jining Archive (济宁高新区资料库) on Windows.
;
; Build on Windows with Inno Setup 6.3 or newer (https://jrsoftware.org/isinfo.php; 6.3 is the
; first to know the x64compatible architecture used below), from the repository root, after
; the PyInstaller build into packaging\dist (see packaging/README.md):
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\jining-archive.iss
; Output: packaging\dist\JiningArchive-VERSION-windows-x64-setup.exe
;
; The version is read from the built JiningArchive.exe, whose version resource the
; PyInstaller spec fills from desktop/jining_archive/__init__.py: the version as written
; (ProductVersion, which may be a pre-release such as 0.2.0rc1) names the installer, and
; the four numbers of the fixed file version (0.2.0.0, see packaging/version_numbers.py)
; go where Windows accepts numbers only (VersionInfoVersion).
; This file is UTF-8 with a byte order mark, which Inno Setup needs for the Chinese names.

#define AppExe "JiningArchive.exe"
#define CliExe "jining-archive.exe"
#define BuildDir AddBackslash(SourcePath) + "..\dist\jining-archive"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BuildDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Build the app first: packaging\dist\jining-archive\JiningArchive.exe has no version
#endif
#define AppVersionNumbers GetVersionNumbersString(BuildDir + "\" + AppExe)
#define AppName "济宁高新区资料库"
#define AppNameEn "Jining Archive"

[Setup]
; A fixed id: upgrades replace the installed version instead of installing beside it.
AppId={{6F1C2E3A-58B4-4C7E-9A51-3D0E2B7A4C19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppNameEn}
VersionInfoVersion={#AppVersionNumbers}
; Qt 6 runs on Windows 10 and 11 only.
MinVersion=10.0
; Per-user install by default (no administrator prompt); the first page offers all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\JiningArchive
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=JiningArchive-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\jining-archive.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} ({#AppNameEn})
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Chinese setup pages when the (unofficial) translation is installed with Inno Setup.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole PyInstaller folder: the windowed app, its console twin for the command line,
; and _internal\ (Python, Qt, the archive, resources). Never written to at run time.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the app folder's contents, so files a new version dropped do not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEn}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; User data (bookmarks, notes, imports: %LOCALAPPDATA%\jining-archive) is left in place on
; uninstall; the search index there is a cache the app rebuilds.
