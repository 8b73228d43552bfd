<#
.SYNOPSIS
  Upgrades an installed qb-bitrix24-connector service to a new release archive (npm run package).

.DESCRIPTION
  1. Backs up the database with the installed version's backup command (online, while the service still runs;
     PostgreSQL: use pg_dump first, see the README section "Backups"). The file lands in the data folder's backups\.
  2. Stops the service.
  3. Moves -InstallDir aside to <InstallDir>.previous, extracts the archive in its place.
  4. Runs `npm ci --omit=dev --ignore-scripts` there (no build tools needed: better-sqlite3 13 ships its Windows binary in the package; --ignore-scripts skips the implicit node-gyp step that would want Python and a compiler).
  5. Starts the service; its pending migrations run at start, after their own automatic backup.
  If step 3 or 4 fails, the previous version is put back and started again.

.EXAMPLE
  # from the extracted new release (or any copy of this script outside the install folder)
  .\upgrade-service.ps1 -Archive C:\Users\me\Downloads\qb-bitrix24-connector-0.2.0.zip
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)] [string] $Archive,
  # Default: the folder the installed service runs main.js from (NSSM's AppParameters).
  [string] $InstallDir,
  [string] $DataDir = (Join-Path $env:ProgramData 'qb-bitrix24-connector'),
  [string] $ServiceName = 'QbBitrix24Connector',
  [string] $NssmPath = 'nssm.exe',
  [string] $NodePath = 'node.exe',
  # Upgrade without the backup first (e.g. PostgreSQL, already dumped with pg_dump).
  [switch] $SkipBackup
)
$ErrorActionPreference = 'Stop'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script from an elevated PowerShell (Run as administrator).'
}
if (-not (Test-Path $Archive -PathType Leaf)) { throw "Archive $Archive not found." }
$nssm = (Get-Command $NssmPath -ErrorAction SilentlyContinue).Source
if (-not $nssm) { throw "NSSM not found ($NssmPath). Pass -NssmPath C:\path\to\nssm.exe." }
$node = (Get-Command $NodePath -ErrorAction SilentlyContinue).Source
if (-not $node) { throw "Node.js not found ($NodePath). Pass -NodePath if it is not on PATH." }
if (-not (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) { throw "Service $ServiceName is not installed: use install-service.ps1." }
if (-not $InstallDir) {
  # AppParameters is `--max-semi-space-size=8 "<main.js>"` (install-service.ps1), `--optimize-for-size "<main.js>"`
  # (installs from before 2026-12-07) or only the quoted path (before that).
  $parameters = ((& $nssm get $ServiceName AppParameters) -join '').Trim()
  $main = if ($parameters -match '"([^"]+)"') { $Matches[1] } else { $parameters.Trim('"') }
  $InstallDir = Split-Path (Split-Path (Split-Path (Split-Path $main -Parent) -Parent) -Parent) -Parent
}
$InstallDir = (Resolve-Path $InstallDir).Path
if (-not (Test-Path (Join-Path $InstallDir 'apps\connector\dist\main.js'))) { throw "$InstallDir does not hold an installed connector (apps\connector\dist\main.js); pass -InstallDir." }
# Nothing of this session may hold the install folder open while it is moved aside.
Set-Location ([IO.Path]::GetTempPath())
$previous = "$InstallDir.previous"

$backupCli = Join-Path $InstallDir 'apps\connector\dist\cli\backup.js'
if (-not $SkipBackup -and -not (Test-Path $backupCli)) {
  # Releases before the backup command: the new version still backs up before its migrations at its first start.
  Write-Warning "The installed version has no backup command; the new version backs the database up before migrating it."
  $SkipBackup = $true
}
if (-not $SkipBackup) {
  # The service's own environment (DATA_DIR, DATABASE_URL, BACKUP_DIR...) and working directory (the data folder,
  # where its .env is), so the backup reads the same database the service uses.
  $saved = @{}
  foreach ($line in (& $nssm get $ServiceName AppEnvironmentExtra)) {
    if ($line -match '^([A-Za-z_][A-Za-z0-9_]*)=(.*)$') {
      $saved[$Matches[1]] = [Environment]::GetEnvironmentVariable($Matches[1])
      [Environment]::SetEnvironmentVariable($Matches[1], $Matches[2])
    }
  }
  Push-Location $DataDir
  try {
    & $node $backupCli
    if ($LASTEXITCODE -ne 0) { throw "The backup failed (exit $LASTEXITCODE); nothing was changed. Fix it, or pass -SkipBackup after a pg_dump." }
  } finally {
    Pop-Location
    foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
  }
}

& $nssm stop $ServiceName | Out-Null
if (Test-Path $previous) { Remove-Item -Recurse -Force $previous }
Move-Item $InstallDir $previous
try {
  $staging = Join-Path ([IO.Path]::GetTempPath()) ("qb-bitrix24-connector-" + [Guid]::NewGuid())
  Expand-Archive -Path $Archive -DestinationPath $staging
  # Every entry of the archive sits in one folder, qb-bitrix24-connector\.
  Move-Item (Join-Path $staging 'qb-bitrix24-connector') $InstallDir
  Remove-Item -Recurse -Force $staging
  Push-Location $InstallDir
  try {
    & npm ci --omit=dev --ignore-scripts --no-audit --no-fund
    if ($LASTEXITCODE -ne 0) { throw 'npm ci --omit=dev failed' }
  } finally { Pop-Location }
  & icacls $InstallDir /grant "NT SERVICE\${ServiceName}:(OI)(CI)RX" | Out-Null
} catch {
  Write-Warning "Upgrade failed: $($_.Exception.Message). Putting the previous version back."
  if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
  Move-Item $previous $InstallDir
  & $nssm start $ServiceName | Out-Null
  throw
}
# A service installed before the flag gets it now, and one installed with --optimize-for-size loses that (the install
# folder is the same, so is main.js).
& $nssm set $ServiceName AppParameters ('--max-semi-space-size=8 \"' + (Join-Path $InstallDir 'apps\connector\dist\main.js') + '\"') | Out-Null
& $nssm start $ServiceName
Write-Host "Upgraded $ServiceName from $Archive. The previous version is in $previous (delete it once the new one runs well)."
Write-Host "Backups: $(Join-Path $DataDir 'backups') (see the README section Backups to restore one)."
