<#
.SYNOPSIS
  Installs qb-bitrix24-connector as a Windows service with NSSM (https://nssm.cc).

.DESCRIPTION
  Expects the extracted release archive (npm run package) in -InstallDir after `npm ci --omit=dev`, or the
  repository after `npm ci` and `npm run build`; pass -Build to have this script run those commands. The service runs `node --max-semi-space-size=8 apps\connector\dist\main.js` with its working
  directory set to -DataDir, so the SQLite database, the generated secrets (qbwc-password.secret,
  admin-token.secret), an optional .env file, qwc\connector.qwc, backups\ and the logs all live in the data
  folder. The service runs as its own virtual account NT SERVICE\<ServiceName> (not LocalSystem): that account,
  SYSTEM and Administrators are the only ones with access to the data folder; the account may read -InstallDir.

.EXAMPLE
  .\install-service.ps1 -PublicUrl https://connector.example.com -Build
.EXAMPLE
  .\install-service.ps1 -InstallDir D:\apps\qb-bitrix24-connector -DataDir D:\data\qb-bitrix24-connector -Port 8085 -Build
#>
[CmdletBinding()]
param(
  [string] $InstallDir = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path,
  [string] $DataDir = (Join-Path $env:ProgramData 'qb-bitrix24-connector'),
  [ValidateRange(1, 65535)] [int] $Port = 8080,
  # Loopback by default: only the HTTPS reverse proxy on this machine should reach the service.
  [string] $ListenHost = '127.0.0.1',
  # Base of the AppURL written into qwc\connector.qwc; QuickBooks Web Connector requires https here.
  [string] $PublicUrl = "http://localhost:$Port",
  [string] $ServiceName = 'QbBitrix24Connector',
  [string] $NssmPath = 'nssm.exe',
  [string] $NodePath = 'node.exe',
  [switch] $Build
)
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 and PowerShell 7 quote native arguments differently; pin the 5.1 behaviour so the
# escaped quotes around main.js below reach NSSM the same way in both (paths may contain spaces).
$PSNativeCommandArgumentPassing = 'Legacy'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script from an elevated PowerShell (Run as administrator).'
}

$nssm = (Get-Command $NssmPath -ErrorAction SilentlyContinue).Source
if (-not $nssm) { throw "NSSM not found ($NssmPath). Download it from https://nssm.cc/download and pass -NssmPath C:\path\to\nssm.exe." }
$node = (Get-Command $NodePath -ErrorAction SilentlyContinue).Source
if (-not $node) { throw "Node.js not found ($NodePath). Install Node.js 22.12 or later (https://nodejs.org) and pass -NodePath if it is not on PATH." }
$nodeVersion = (& $node --version).TrimStart('v')
if ([version]$nodeVersion -lt [version]'22.12.0') { throw "Node.js $nodeVersion is too old: 22.12 or later is required." }

if ($Build) {
  Push-Location $InstallDir
  try {
    if (Test-Path (Join-Path $InstallDir 'tsconfig.json')) {
      # A repository: install everything and compile.
      & npm ci --no-audit --no-fund; if ($LASTEXITCODE -ne 0) { throw 'npm ci failed' }
      & npm run build; if ($LASTEXITCODE -ne 0) { throw 'npm run build failed' }
    } else {
      # A release archive (npm run package) is already built: production dependencies only, no build tools.
      & npm ci --omit=dev --ignore-scripts --no-audit --no-fund; if ($LASTEXITCODE -ne 0) { throw 'npm ci --omit=dev failed' }
    }
  } finally { Pop-Location }
}
$main = Join-Path $InstallDir 'apps\connector\dist\main.js'
if (-not (Test-Path $main)) { throw "$main is missing: run 'npm ci' and 'npm run build' in $InstallDir, or pass -Build." }

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) { throw "Service $ServiceName already exists. Run uninstall-service.ps1 first, or pick another -ServiceName." }

# A virtual service account (Windows 7 / Server 2008 R2 and later): created by the service control manager
# with the service, no password, no rights beyond what is granted here, unlike LocalSystem.
$account = "NT SERVICE\$ServiceName"

# The data folder holds the secrets: the service's account, SYSTEM and Administrators only, no inherited access.
# The account's grant waits until the service exists (the account only exists from then on).
$logDir = Join-Path $DataDir 'logs'
New-Item -ItemType Directory -Force -Path $logDir | Out-Null
& icacls $DataDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not restrict $DataDir" }

# --max-semi-space-size=8: short-lived objects die young instead of waiting for a full GC that stops every Web
# Connector call (README "Memory"); npm start and Docker pass it too. upgrade-service.ps1 finds main.js as the quoted argument.
& $nssm install $ServiceName $node ('--max-semi-space-size=8 \"' + $main + '\"')
& $nssm set $ServiceName AppDirectory $DataDir
& $nssm set $ServiceName DisplayName 'QuickBooks - Bitrix24 connector'
& $nssm set $ServiceName Description "Syncs QuickBooks Desktop (via Web Connector) with Bitrix24 CRM. Data: $DataDir"
& $nssm set $ServiceName AppEnvironmentExtra "DATA_DIR=$DataDir" "PORT=$Port" "HOST=$ListenHost" "PUBLIC_URL=$PublicUrl" 'LOG_FORMAT=json' 'NODE_ENV=production'
& $nssm set $ServiceName AppStdout (Join-Path $logDir 'connector.log')
& $nssm set $ServiceName AppStderr (Join-Path $logDir 'connector.log')
& $nssm set $ServiceName AppRotateFiles 1
& $nssm set $ServiceName AppRotateOnline 1
& $nssm set $ServiceName AppRotateBytes 10485760
& $nssm set $ServiceName Start SERVICE_AUTO_START
# Restart after a crash, 10 s apart, so a configuration error (exit code 78, reason in the log) does not spin.
& $nssm set $ServiceName AppExit Default Restart
& $nssm set $ServiceName AppRestartDelay 10000
# Run as the virtual account instead of NSSM's default LocalSystem; then give it the data folder (modify) and
# the program folder (read and execute).
& sc.exe config $ServiceName obj= $account | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe could not set the service account to $account" }
& icacls $DataDir /grant "${account}:(OI)(CI)M" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not give $account access to $DataDir" }
& icacls $InstallDir /grant "${account}:(OI)(CI)RX" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not give $account read access to $InstallDir" }
& $nssm start $ServiceName

Write-Host "Installed and started $ServiceName (runs as $account)."
Write-Host "  Data folder:  $DataDir (database, secrets, qwc\connector.qwc, backups, logs\connector.log)"
Write-Host "  Admin token:  $(Join-Path $DataDir 'admin-token.secret')"
Write-Host "  Dashboard:    http://localhost:$Port/ (put an HTTPS reverse proxy in front for Bitrix24 and the Web Connector; see README.md)"
Write-Host "  Settings:     add a .env file in the data folder (see .env.example), then: nssm restart $ServiceName"
