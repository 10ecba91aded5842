from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PrincipalType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRINCIPAL_TYPE_UNSPECIFIED: _ClassVar[PrincipalType]
    PRINCIPAL_TYPE_USER: _ClassVar[PrincipalType]
    PRINCIPAL_TYPE_ROLE: _ClassVar[PrincipalType]
    PRINCIPAL_TYPE_GROUP: _ClassVar[PrincipalType]

class SerdeType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERDE_TYPE_UNSPECIFIED: _ClassVar[SerdeType]
    SERDE_TYPE_HIVE: _ClassVar[SerdeType]
    SERDE_TYPE_SCHEMA_REGISTRY: _ClassVar[SerdeType]

class ClientCapability(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLIENT_CAPABILITY_UNSPECIFIED: _ClassVar[ClientCapability]
    CLIENT_CAPABILITY_TEST_CAPABILITY: _ClassVar[ClientCapability]
    CLIENT_CAPABILITY_INSERT_ONLY_TABLES: _ClassVar[ClientCapability]

class DatabaseType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATABASE_TYPE_UNSPECIFIED: _ClassVar[DatabaseType]
    DATABASE_TYPE_NATIVE: _ClassVar[DatabaseType]
    DATABASE_TYPE_REMOTE: _ClassVar[DatabaseType]

class FunctionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FUNCTION_TYPE_UNSPECIFIED: _ClassVar[FunctionType]
    FUNCTION_TYPE_JAVA: _ClassVar[FunctionType]

class ResourceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESOURCE_TYPE_UNSPECIFIED: _ClassVar[ResourceType]
    RESOURCE_TYPE_JAR: _ClassVar[ResourceType]
    RESOURCE_TYPE_FILE: _ClassVar[ResourceType]
    RESOURCE_TYPE_ARCHIVE: _ClassVar[ResourceType]

class GrantRevokeType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRANT_REVOKE_TYPE_UNSPECIFIED: _ClassVar[GrantRevokeType]
    GRANT_REVOKE_TYPE_GRANT: _ClassVar[GrantRevokeType]
    GRANT_REVOKE_TYPE_REVOKE: _ClassVar[GrantRevokeType]

class HiveObjectType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HIVE_OBJECT_TYPE_UNSPECIFIED: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_GLOBAL: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_DATABASE: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_TABLE: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_PARTITION: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_COLUMN: _ClassVar[HiveObjectType]
    HIVE_OBJECT_TYPE_DATACONNECTOR: _ClassVar[HiveObjectType]

class LockState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOCK_STATE_UNSPECIFIED: _ClassVar[LockState]
    LOCK_STATE_ACQUIRED: _ClassVar[LockState]
    LOCK_STATE_WAITING: _ClassVar[LockState]
    LOCK_STATE_ABORT: _ClassVar[LockState]
    LOCK_STATE_NOTACQUIRED: _ClassVar[LockState]

class LockType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOCK_TYPE_UNSPECIFIED: _ClassVar[LockType]
    LOCK_TYPE_SHAREDREAD: _ClassVar[LockType]
    LOCK_TYPE_SHAREDWRITE: _ClassVar[LockType]
    LOCK_TYPE_EXCLUSIVE: _ClassVar[LockType]
    LOCK_TYPE_EXCLWRITE: _ClassVar[LockType]

class LockLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOCK_LEVEL_UNSPECIFIED: _ClassVar[LockLevel]
    LOCK_LEVEL_DB: _ClassVar[LockLevel]
    LOCK_LEVEL_TABLE: _ClassVar[LockLevel]
    LOCK_LEVEL_PARTITION: _ClassVar[LockLevel]

class DataOperationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DATA_OPERATION_TYPE_UNSPECIFIED: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_SELECT: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_INSERT: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_UPDATE: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_DELETE: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_UNSET: _ClassVar[DataOperationType]
    DATA_OPERATION_TYPE_NOTXN: _ClassVar[DataOperationType]
PRINCIPAL_TYPE_UNSPECIFIED: PrincipalType
PRINCIPAL_TYPE_USER: PrincipalType
PRINCIPAL_TYPE_ROLE: PrincipalType
PRINCIPAL_TYPE_GROUP: PrincipalType
SERDE_TYPE_UNSPECIFIED: SerdeType
SERDE_TYPE_HIVE: SerdeType
SERDE_TYPE_SCHEMA_REGISTRY: SerdeType
CLIENT_CAPABILITY_UNSPECIFIED: ClientCapability
CLIENT_CAPABILITY_TEST_CAPABILITY: ClientCapability
CLIENT_CAPABILITY_INSERT_ONLY_TABLES: ClientCapability
DATABASE_TYPE_UNSPECIFIED: DatabaseType
DATABASE_TYPE_NATIVE: DatabaseType
DATABASE_TYPE_REMOTE: DatabaseType
FUNCTION_TYPE_UNSPECIFIED: FunctionType
FUNCTION_TYPE_JAVA: FunctionType
RESOURCE_TYPE_UNSPECIFIED: ResourceType
RESOURCE_TYPE_JAR: ResourceType
RESOURCE_TYPE_FILE: ResourceType
RESOURCE_TYPE_ARCHIVE: ResourceType
GRANT_REVOKE_TYPE_UNSPECIFIED: GrantRevokeType
GRANT_REVOKE_TYPE_GRANT: GrantRevokeType
GRANT_REVOKE_TYPE_REVOKE: GrantRevokeType
HIVE_OBJECT_TYPE_UNSPECIFIED: HiveObjectType
HIVE_OBJECT_TYPE_GLOBAL: HiveObjectType
HIVE_OBJECT_TYPE_DATABASE: HiveObjectType
HIVE_OBJECT_TYPE_TABLE: HiveObjectType
HIVE_OBJECT_TYPE_PARTITION: HiveObjectType
HIVE_OBJECT_TYPE_COLUMN: HiveObjectType
HIVE_OBJECT_TYPE_DATACONNECTOR: HiveObjectType
LOCK_STATE_UNSPECIFIED: LockState
LOCK_STATE_ACQUIRED: LockState
LOCK_STATE_WAITING: LockState
LOCK_STATE_ABORT: LockState
LOCK_STATE_NOTACQUIRED: LockState
LOCK_TYPE_UNSPECIFIED: LockType
LOCK_TYPE_SHAREDREAD: LockType
LOCK_TYPE_SHAREDWRITE: LockType
LOCK_TYPE_EXCLUSIVE: LockType
LOCK_TYPE_EXCLWRITE: LockType
LOCK_LEVEL_UNSPECIFIED: LockLevel
LOCK_LEVEL_DB: LockLevel
LOCK_LEVEL_TABLE: LockLevel
LOCK_LEVEL_PARTITION: LockLevel
DATA_OPERATION_TYPE_UNSPECIFIED: DataOperationType
DATA_OPERATION_TYPE_SELECT: DataOperationType
DATA_OPERATION_TYPE_INSERT: DataOperationType
DATA_OPERATION_TYPE_UPDATE: DataOperationType
DATA_OPERATION_TYPE_DELETE: DataOperationType
DATA_OPERATION_TYPE_UNSET: DataOperationType
DATA_OPERATION_TYPE_NOTXN: DataOperationType

class GetMetaConfRequest(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class GetMetaConfResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: str
    def __init__(self, response: _Optional[str] = ...) -> None: ...

class SetMetaConfRequest(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class SetMetaConfResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetUgiRequest(_message.Message):
    __slots__ = ("user_name", "group_names")
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    user_name: str
    group_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, user_name: _Optional[str] = ..., group_names: _Optional[_Iterable[str]] = ...) -> None: ...

class SetUgiResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetCurrentNotificationEventIdRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCurrentNotificationEventIdResponse(_message.Message):
    __slots__ = ("event_id",)
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    event_id: int
    def __init__(self, event_id: _Optional[int] = ...) -> None: ...

class GetMetastoreDbUuidRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetMetastoreDbUuidResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: str
    def __init__(self, response: _Optional[str] = ...) -> None: ...

class PrivilegeGrantInfo(_message.Message):
    __slots__ = ("privilege", "create_time", "grantor", "grantor_type", "grant_option")
    PRIVILEGE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANT_OPTION_FIELD_NUMBER: _ClassVar[int]
    privilege: str
    create_time: int
    grantor: str
    grantor_type: PrincipalType
    grant_option: bool
    def __init__(self, privilege: _Optional[str] = ..., create_time: _Optional[int] = ..., grantor: _Optional[str] = ..., grantor_type: _Optional[_Union[PrincipalType, str]] = ..., grant_option: _Optional[bool] = ...) -> None: ...

class PrivilegeGrantInfoList(_message.Message):
    __slots__ = ("privilege_grant_info_lists",)
    PRIVILEGE_GRANT_INFO_LISTS_FIELD_NUMBER: _ClassVar[int]
    privilege_grant_info_lists: _containers.RepeatedCompositeFieldContainer[PrivilegeGrantInfo]
    def __init__(self, privilege_grant_info_lists: _Optional[_Iterable[_Union[PrivilegeGrantInfo, _Mapping]]] = ...) -> None: ...

class PrincipalPrivilegeSet(_message.Message):
    __slots__ = ("user_privileges", "group_privileges", "role_privileges")
    class UserPrivilegesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: PrivilegeGrantInfoList
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[PrivilegeGrantInfoList, _Mapping]] = ...) -> None: ...
    class GroupPrivilegesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: PrivilegeGrantInfoList
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[PrivilegeGrantInfoList, _Mapping]] = ...) -> None: ...
    class RolePrivilegesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: PrivilegeGrantInfoList
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[PrivilegeGrantInfoList, _Mapping]] = ...) -> None: ...
    USER_PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    GROUP_PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    ROLE_PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    user_privileges: _containers.MessageMap[str, PrivilegeGrantInfoList]
    group_privileges: _containers.MessageMap[str, PrivilegeGrantInfoList]
    role_privileges: _containers.MessageMap[str, PrivilegeGrantInfoList]
    def __init__(self, user_privileges: _Optional[_Mapping[str, PrivilegeGrantInfoList]] = ..., group_privileges: _Optional[_Mapping[str, PrivilegeGrantInfoList]] = ..., role_privileges: _Optional[_Mapping[str, PrivilegeGrantInfoList]] = ...) -> None: ...

class EnvironmentContext(_message.Message):
    __slots__ = ("properties",)
    class PropertiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PROPERTIES_FIELD_NUMBER: _ClassVar[int]
    properties: _containers.ScalarMap[str, str]
    def __init__(self, properties: _Optional[_Mapping[str, str]] = ...) -> None: ...

class StringList(_message.Message):
    __slots__ = ("string_lists",)
    STRING_LISTS_FIELD_NUMBER: _ClassVar[int]
    string_lists: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, string_lists: _Optional[_Iterable[str]] = ...) -> None: ...

class FieldSchema(_message.Message):
    __slots__ = ("name", "type", "comment")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    comment: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class SerDeInfo(_message.Message):
    __slots__ = ("name", "serialization_lib", "parameters", "description", "serializer_class", "serde_type")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    SERIALIZATION_LIB_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SERIALIZER_CLASS_FIELD_NUMBER: _ClassVar[int]
    SERDE_TYPE_FIELD_NUMBER: _ClassVar[int]
    name: str
    serialization_lib: str
    parameters: _containers.ScalarMap[str, str]
    description: str
    serializer_class: str
    serde_type: SerdeType
    def __init__(self, name: _Optional[str] = ..., serialization_lib: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ..., description: _Optional[str] = ..., serializer_class: _Optional[str] = ..., serde_type: _Optional[_Union[SerdeType, str]] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("col", "order")
    COL_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    col: str
    order: int
    def __init__(self, col: _Optional[str] = ..., order: _Optional[int] = ...) -> None: ...

class MapStringListStringEntry(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: StringList
    value: str
    def __init__(self, key: _Optional[_Union[StringList, _Mapping]] = ..., value: _Optional[str] = ...) -> None: ...

class SkewedInfo(_message.Message):
    __slots__ = ("skewed_col_names", "skewed_col_values", "skewed_col_value_location_maps")
    SKEWED_COL_NAMES_FIELD_NUMBER: _ClassVar[int]
    SKEWED_COL_VALUES_FIELD_NUMBER: _ClassVar[int]
    SKEWED_COL_VALUE_LOCATION_MAPS_FIELD_NUMBER: _ClassVar[int]
    skewed_col_names: _containers.RepeatedScalarFieldContainer[str]
    skewed_col_values: _containers.RepeatedCompositeFieldContainer[StringList]
    skewed_col_value_location_maps: _containers.RepeatedCompositeFieldContainer[MapStringListStringEntry]
    def __init__(self, skewed_col_names: _Optional[_Iterable[str]] = ..., skewed_col_values: _Optional[_Iterable[_Union[StringList, _Mapping]]] = ..., skewed_col_value_location_maps: _Optional[_Iterable[_Union[MapStringListStringEntry, _Mapping]]] = ...) -> None: ...

class StorageDescriptor(_message.Message):
    __slots__ = ("cols", "location", "input_format", "output_format", "compressed", "num_buckets", "serde_info", "bucket_cols", "sor_cols", "parameters", "skewed_info", "stored_as_sub_directories")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    COLS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    INPUT_FORMAT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FORMAT_FIELD_NUMBER: _ClassVar[int]
    COMPRESSED_FIELD_NUMBER: _ClassVar[int]
    NUM_BUCKETS_FIELD_NUMBER: _ClassVar[int]
    SERDE_INFO_FIELD_NUMBER: _ClassVar[int]
    BUCKET_COLS_FIELD_NUMBER: _ClassVar[int]
    SOR_COLS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SKEWED_INFO_FIELD_NUMBER: _ClassVar[int]
    STORED_AS_SUB_DIRECTORIES_FIELD_NUMBER: _ClassVar[int]
    cols: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    location: str
    input_format: str
    output_format: str
    compressed: bool
    num_buckets: int
    serde_info: SerDeInfo
    bucket_cols: _containers.RepeatedScalarFieldContainer[str]
    sor_cols: _containers.RepeatedCompositeFieldContainer[Order]
    parameters: _containers.ScalarMap[str, str]
    skewed_info: SkewedInfo
    stored_as_sub_directories: bool
    def __init__(self, cols: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ..., location: _Optional[str] = ..., input_format: _Optional[str] = ..., output_format: _Optional[str] = ..., compressed: _Optional[bool] = ..., num_buckets: _Optional[int] = ..., serde_info: _Optional[_Union[SerDeInfo, _Mapping]] = ..., bucket_cols: _Optional[_Iterable[str]] = ..., sor_cols: _Optional[_Iterable[_Union[Order, _Mapping]]] = ..., parameters: _Optional[_Mapping[str, str]] = ..., skewed_info: _Optional[_Union[SkewedInfo, _Mapping]] = ..., stored_as_sub_directories: _Optional[bool] = ...) -> None: ...

class ByteList(_message.Message):
    __slots__ = ("byte_lists",)
    BYTE_LISTS_FIELD_NUMBER: _ClassVar[int]
    byte_lists: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, byte_lists: _Optional[_Iterable[bytes]] = ...) -> None: ...

class FileMetadata(_message.Message):
    __slots__ = ("type", "version", "data")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    type: int
    version: int
    data: ByteList
    def __init__(self, type: _Optional[int] = ..., version: _Optional[int] = ..., data: _Optional[_Union[ByteList, _Mapping]] = ...) -> None: ...

class ObjectDictionary(_message.Message):
    __slots__ = ("values",)
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ByteList
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ByteList, _Mapping]] = ...) -> None: ...
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.MessageMap[str, ByteList]
    def __init__(self, values: _Optional[_Mapping[str, ByteList]] = ...) -> None: ...

class Timestamp(_message.Message):
    __slots__ = ("seconds_since_epoch",)
    SECONDS_SINCE_EPOCH_FIELD_NUMBER: _ClassVar[int]
    seconds_since_epoch: int
    def __init__(self, seconds_since_epoch: _Optional[int] = ...) -> None: ...

class Date(_message.Message):
    __slots__ = ("days_since_epoch",)
    DAYS_SINCE_EPOCH_FIELD_NUMBER: _ClassVar[int]
    days_since_epoch: int
    def __init__(self, days_since_epoch: _Optional[int] = ...) -> None: ...

class Decimal(_message.Message):
    __slots__ = ("scale", "unscaled")
    SCALE_FIELD_NUMBER: _ClassVar[int]
    UNSCALED_FIELD_NUMBER: _ClassVar[int]
    scale: int
    unscaled: bytes
    def __init__(self, scale: _Optional[int] = ..., unscaled: _Optional[bytes] = ...) -> None: ...

class ClientCapabilities(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[ClientCapability]
    def __init__(self, values: _Optional[_Iterable[_Union[ClientCapability, str]]] = ...) -> None: ...

class GetProjectionsSpec(_message.Message):
    __slots__ = ("field_lists", "include_param_key_pattern", "exclude_param_key_pattern")
    FIELD_LISTS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_PARAM_KEY_PATTERN_FIELD_NUMBER: _ClassVar[int]
    EXCLUDE_PARAM_KEY_PATTERN_FIELD_NUMBER: _ClassVar[int]
    field_lists: _containers.RepeatedScalarFieldContainer[str]
    include_param_key_pattern: str
    exclude_param_key_pattern: str
    def __init__(self, field_lists: _Optional[_Iterable[str]] = ..., include_param_key_pattern: _Optional[str] = ..., exclude_param_key_pattern: _Optional[str] = ...) -> None: ...

class Catalog(_message.Message):
    __slots__ = ("name", "description", "location_uri", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LOCATION_URI_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    location_uri: str
    create_time: int
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., location_uri: _Optional[str] = ..., create_time: _Optional[int] = ...) -> None: ...

class CreateCatalogRequest(_message.Message):
    __slots__ = ("catalog",)
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    catalog: Catalog
    def __init__(self, catalog: _Optional[_Union[Catalog, _Mapping]] = ...) -> None: ...

class CreateCatalogResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AlterCatalogRequest(_message.Message):
    __slots__ = ("name", "new_cat")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NEW_CAT_FIELD_NUMBER: _ClassVar[int]
    name: str
    new_cat: Catalog
    def __init__(self, name: _Optional[str] = ..., new_cat: _Optional[_Union[Catalog, _Mapping]] = ...) -> None: ...

class AlterCatalogResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCatalogRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetCatalogResponse(_message.Message):
    __slots__ = ("catalog",)
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    catalog: Catalog
    def __init__(self, catalog: _Optional[_Union[Catalog, _Mapping]] = ...) -> None: ...

class GetCatalogsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCatalogsResponse(_message.Message):
    __slots__ = ("names",)
    NAMES_FIELD_NUMBER: _ClassVar[int]
    names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, names: _Optional[_Iterable[str]] = ...) -> None: ...

class DropCatalogRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class DropCatalogResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Database(_message.Message):
    __slots__ = ("name", "description", "location_uri", "parameters", "privileges", "owner_name", "owner_type", "catalog_name", "create_time", "managed_location_uri", "type", "connector_name", "remote_dbname")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LOCATION_URI_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    OWNER_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATALOG_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MANAGED_LOCATION_URI_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CONNECTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    REMOTE_DBNAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    location_uri: str
    parameters: _containers.ScalarMap[str, str]
    privileges: PrincipalPrivilegeSet
    owner_name: str
    owner_type: PrincipalType
    catalog_name: str
    create_time: int
    managed_location_uri: str
    type: DatabaseType
    connector_name: str
    remote_dbname: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., location_uri: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ..., privileges: _Optional[_Union[PrincipalPrivilegeSet, _Mapping]] = ..., owner_name: _Optional[str] = ..., owner_type: _Optional[_Union[PrincipalType, str]] = ..., catalog_name: _Optional[str] = ..., create_time: _Optional[int] = ..., managed_location_uri: _Optional[str] = ..., type: _Optional[_Union[DatabaseType, str]] = ..., connector_name: _Optional[str] = ..., remote_dbname: _Optional[str] = ...) -> None: ...

class CreateDatabaseResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetDatabaseReqRequest(_message.Message):
    __slots__ = ("name", "catalog_name", "processor_capabilities", "processor_identifier")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATALOG_NAME_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    name: str
    catalog_name: str
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    def __init__(self, name: _Optional[str] = ..., catalog_name: _Optional[str] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ...) -> None: ...

class DropDatabaseReqRequest(_message.Message):
    __slots__ = ("name", "catalog_name", "ignore_unknown_db", "delete_data", "cascade", "soft_delete", "txn_id", "delete_managed_dir")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATALOG_NAME_FIELD_NUMBER: _ClassVar[int]
    IGNORE_UNKNOWN_DB_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    CASCADE_FIELD_NUMBER: _ClassVar[int]
    SOFT_DELETE_FIELD_NUMBER: _ClassVar[int]
    TXN_ID_FIELD_NUMBER: _ClassVar[int]
    DELETE_MANAGED_DIR_FIELD_NUMBER: _ClassVar[int]
    name: str
    catalog_name: str
    ignore_unknown_db: bool
    delete_data: bool
    cascade: bool
    soft_delete: bool
    txn_id: int
    delete_managed_dir: bool
    def __init__(self, name: _Optional[str] = ..., catalog_name: _Optional[str] = ..., ignore_unknown_db: _Optional[bool] = ..., delete_data: _Optional[bool] = ..., cascade: _Optional[bool] = ..., soft_delete: _Optional[bool] = ..., txn_id: _Optional[int] = ..., delete_managed_dir: _Optional[bool] = ...) -> None: ...

class DropDatabaseReqResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetDatabasesRequest(_message.Message):
    __slots__ = ("pattern",)
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    pattern: str
    def __init__(self, pattern: _Optional[str] = ...) -> None: ...

class GetDatabasesResponse(_message.Message):
    __slots__ = ("string_lists",)
    STRING_LISTS_FIELD_NUMBER: _ClassVar[int]
    string_lists: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, string_lists: _Optional[_Iterable[str]] = ...) -> None: ...

class GetAllDatabasesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetAllDatabasesResponse(_message.Message):
    __slots__ = ("string_lists",)
    STRING_LISTS_FIELD_NUMBER: _ClassVar[int]
    string_lists: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, string_lists: _Optional[_Iterable[str]] = ...) -> None: ...

class AlterDatabaseRequest(_message.Message):
    __slots__ = ("dbname", "db")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    DB_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    db: Database
    def __init__(self, dbname: _Optional[str] = ..., db: _Optional[_Union[Database, _Mapping]] = ...) -> None: ...

class AlterDatabaseResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Table(_message.Message):
    __slots__ = ("table_name", "db_name", "create_time", "last_access_time", "retention", "sd", "partition_keys", "parameters", "view_original_text", "view_expanded_text", "table_type", "privileges", "temporary", "rewrite_enabled", "creation_metadata", "cat_name", "owner_type", "write_id", "is_stats_compliant", "col_stats", "access_type", "required_read_capabilities", "required_write_capabilities", "id", "file_metadata", "dictionary", "txn_id")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    SD_FIELD_NUMBER: _ClassVar[int]
    PARTITION_KEYS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    VIEW_ORIGINAL_TEXT_FIELD_NUMBER: _ClassVar[int]
    VIEW_EXPANDED_TEXT_FIELD_NUMBER: _ClassVar[int]
    TABLE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    TEMPORARY_FIELD_NUMBER: _ClassVar[int]
    REWRITE_ENABLED_FIELD_NUMBER: _ClassVar[int]
    CREATION_METADATA_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_TYPE_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    ACCESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_READ_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_WRITE_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    FILE_METADATA_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    TXN_ID_FIELD_NUMBER: _ClassVar[int]
    table_name: str
    db_name: str
    create_time: int
    last_access_time: int
    retention: int
    sd: StorageDescriptor
    partition_keys: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    parameters: _containers.ScalarMap[str, str]
    view_original_text: str
    view_expanded_text: str
    table_type: str
    privileges: PrincipalPrivilegeSet
    temporary: bool
    rewrite_enabled: bool
    creation_metadata: CreationMetadata
    cat_name: str
    owner_type: PrincipalType
    write_id: int
    is_stats_compliant: bool
    col_stats: ColumnStatistics
    access_type: int
    required_read_capabilities: _containers.RepeatedScalarFieldContainer[str]
    required_write_capabilities: _containers.RepeatedScalarFieldContainer[str]
    id: int
    file_metadata: FileMetadata
    dictionary: ObjectDictionary
    txn_id: int
    def __init__(self, table_name: _Optional[str] = ..., db_name: _Optional[str] = ..., create_time: _Optional[int] = ..., last_access_time: _Optional[int] = ..., retention: _Optional[int] = ..., sd: _Optional[_Union[StorageDescriptor, _Mapping]] = ..., partition_keys: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ..., parameters: _Optional[_Mapping[str, str]] = ..., view_original_text: _Optional[str] = ..., view_expanded_text: _Optional[str] = ..., table_type: _Optional[str] = ..., privileges: _Optional[_Union[PrincipalPrivilegeSet, _Mapping]] = ..., temporary: _Optional[bool] = ..., rewrite_enabled: _Optional[bool] = ..., creation_metadata: _Optional[_Union[CreationMetadata, _Mapping]] = ..., cat_name: _Optional[str] = ..., owner_type: _Optional[_Union[PrincipalType, str]] = ..., write_id: _Optional[int] = ..., is_stats_compliant: _Optional[bool] = ..., col_stats: _Optional[_Union[ColumnStatistics, _Mapping]] = ..., access_type: _Optional[int] = ..., required_read_capabilities: _Optional[_Iterable[str]] = ..., required_write_capabilities: _Optional[_Iterable[str]] = ..., id: _Optional[int] = ..., file_metadata: _Optional[_Union[FileMetadata, _Mapping]] = ..., dictionary: _Optional[_Union[ObjectDictionary, _Mapping]] = ..., txn_id: _Optional[int] = ...) -> None: ...

class SourceTable(_message.Message):
    __slots__ = ("table", "inserted_count", "updated_count", "deleted_count")
    TABLE_FIELD_NUMBER: _ClassVar[int]
    INSERTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    table: Table
    inserted_count: int
    updated_count: int
    deleted_count: int
    def __init__(self, table: _Optional[_Union[Table, _Mapping]] = ..., inserted_count: _Optional[int] = ..., updated_count: _Optional[int] = ..., deleted_count: _Optional[int] = ...) -> None: ...

class CreationMetadata(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "tables_useds", "valid_txn_list", "materialization_time", "source_tables")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLES_USEDS_FIELD_NUMBER: _ClassVar[int]
    VALID_TXN_LIST_FIELD_NUMBER: _ClassVar[int]
    MATERIALIZATION_TIME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TABLES_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    tables_useds: _containers.RepeatedScalarFieldContainer[str]
    valid_txn_list: str
    materialization_time: int
    source_tables: _containers.RepeatedCompositeFieldContainer[SourceTable]
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., tables_useds: _Optional[_Iterable[str]] = ..., valid_txn_list: _Optional[str] = ..., materialization_time: _Optional[int] = ..., source_tables: _Optional[_Iterable[_Union[SourceTable, _Mapping]]] = ...) -> None: ...

class SQLPrimaryKey(_message.Message):
    __slots__ = ("table_db", "table_name", "column_name", "key_seq", "pk_name", "enable_cstr", "validate_cstr", "rely_cstr", "cat_name")
    TABLE_DB_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_SEQ_FIELD_NUMBER: _ClassVar[int]
    PK_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    table_db: str
    table_name: str
    column_name: str
    key_seq: int
    pk_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    cat_name: str
    def __init__(self, table_db: _Optional[str] = ..., table_name: _Optional[str] = ..., column_name: _Optional[str] = ..., key_seq: _Optional[int] = ..., pk_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ..., cat_name: _Optional[str] = ...) -> None: ...

class SQLForeignKey(_message.Message):
    __slots__ = ("pktable_db", "pktable_name", "pkcolumn_name", "fktable_db", "fktable_name", "fkcolumn_name", "key_seq", "update_rule", "delete_rule", "fk_name", "pk_name", "enable_cstr", "validate_cstr", "rely_cstr", "cat_name")
    PKTABLE_DB_FIELD_NUMBER: _ClassVar[int]
    PKTABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PKCOLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    FKTABLE_DB_FIELD_NUMBER: _ClassVar[int]
    FKTABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    FKCOLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_SEQ_FIELD_NUMBER: _ClassVar[int]
    UPDATE_RULE_FIELD_NUMBER: _ClassVar[int]
    DELETE_RULE_FIELD_NUMBER: _ClassVar[int]
    FK_NAME_FIELD_NUMBER: _ClassVar[int]
    PK_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    pktable_db: str
    pktable_name: str
    pkcolumn_name: str
    fktable_db: str
    fktable_name: str
    fkcolumn_name: str
    key_seq: int
    update_rule: int
    delete_rule: int
    fk_name: str
    pk_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    cat_name: str
    def __init__(self, pktable_db: _Optional[str] = ..., pktable_name: _Optional[str] = ..., pkcolumn_name: _Optional[str] = ..., fktable_db: _Optional[str] = ..., fktable_name: _Optional[str] = ..., fkcolumn_name: _Optional[str] = ..., key_seq: _Optional[int] = ..., update_rule: _Optional[int] = ..., delete_rule: _Optional[int] = ..., fk_name: _Optional[str] = ..., pk_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ..., cat_name: _Optional[str] = ...) -> None: ...

class SQLUniqueConstraint(_message.Message):
    __slots__ = ("cat_name", "table_db", "table_name", "column_name", "key_seq", "uk_name", "enable_cstr", "validate_cstr", "rely_cstr")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_DB_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_SEQ_FIELD_NUMBER: _ClassVar[int]
    UK_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    table_db: str
    table_name: str
    column_name: str
    key_seq: int
    uk_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    def __init__(self, cat_name: _Optional[str] = ..., table_db: _Optional[str] = ..., table_name: _Optional[str] = ..., column_name: _Optional[str] = ..., key_seq: _Optional[int] = ..., uk_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ...) -> None: ...

class SQLNotNullConstraint(_message.Message):
    __slots__ = ("cat_name", "table_db", "table_name", "column_name", "nn_name", "enable_cstr", "validate_cstr", "rely_cstr")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_DB_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    NN_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    table_db: str
    table_name: str
    column_name: str
    nn_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    def __init__(self, cat_name: _Optional[str] = ..., table_db: _Optional[str] = ..., table_name: _Optional[str] = ..., column_name: _Optional[str] = ..., nn_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ...) -> None: ...

class SQLDefaultConstraint(_message.Message):
    __slots__ = ("cat_name", "table_db", "table_name", "column_name", "default_value", "dc_name", "enable_cstr", "validate_cstr", "rely_cstr")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_DB_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    DC_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    table_db: str
    table_name: str
    column_name: str
    default_value: str
    dc_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    def __init__(self, cat_name: _Optional[str] = ..., table_db: _Optional[str] = ..., table_name: _Optional[str] = ..., column_name: _Optional[str] = ..., default_value: _Optional[str] = ..., dc_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ...) -> None: ...

class SQLCheckConstraint(_message.Message):
    __slots__ = ("cat_name", "table_db", "table_name", "column_name", "check_expression", "dc_name", "enable_cstr", "validate_cstr", "rely_cstr")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_DB_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    CHECK_EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    DC_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLE_CSTR_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_CSTR_FIELD_NUMBER: _ClassVar[int]
    RELY_CSTR_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    table_db: str
    table_name: str
    column_name: str
    check_expression: str
    dc_name: str
    enable_cstr: bool
    validate_cstr: bool
    rely_cstr: bool
    def __init__(self, cat_name: _Optional[str] = ..., table_db: _Optional[str] = ..., table_name: _Optional[str] = ..., column_name: _Optional[str] = ..., check_expression: _Optional[str] = ..., dc_name: _Optional[str] = ..., enable_cstr: _Optional[bool] = ..., validate_cstr: _Optional[bool] = ..., rely_cstr: _Optional[bool] = ...) -> None: ...

class CreateTableReqRequest(_message.Message):
    __slots__ = ("table", "env_context", "primary_keys", "foreign_keys", "unique_constraints", "not_null_constraints", "default_constraints", "check_constraints", "processor_capabilities", "processor_identifier")
    TABLE_FIELD_NUMBER: _ClassVar[int]
    ENV_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEYS_FIELD_NUMBER: _ClassVar[int]
    FOREIGN_KEYS_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    NOT_NULL_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    CHECK_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    table: Table
    env_context: EnvironmentContext
    primary_keys: _containers.RepeatedCompositeFieldContainer[SQLPrimaryKey]
    foreign_keys: _containers.RepeatedCompositeFieldContainer[SQLForeignKey]
    unique_constraints: _containers.RepeatedCompositeFieldContainer[SQLUniqueConstraint]
    not_null_constraints: _containers.RepeatedCompositeFieldContainer[SQLNotNullConstraint]
    default_constraints: _containers.RepeatedCompositeFieldContainer[SQLDefaultConstraint]
    check_constraints: _containers.RepeatedCompositeFieldContainer[SQLCheckConstraint]
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    def __init__(self, table: _Optional[_Union[Table, _Mapping]] = ..., env_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., primary_keys: _Optional[_Iterable[_Union[SQLPrimaryKey, _Mapping]]] = ..., foreign_keys: _Optional[_Iterable[_Union[SQLForeignKey, _Mapping]]] = ..., unique_constraints: _Optional[_Iterable[_Union[SQLUniqueConstraint, _Mapping]]] = ..., not_null_constraints: _Optional[_Iterable[_Union[SQLNotNullConstraint, _Mapping]]] = ..., default_constraints: _Optional[_Iterable[_Union[SQLDefaultConstraint, _Mapping]]] = ..., check_constraints: _Optional[_Iterable[_Union[SQLCheckConstraint, _Mapping]]] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ...) -> None: ...

class CreateTableReqResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTableReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "capabilities", "cat_name", "valid_write_id_list", "get_column_stats", "processor_capabilities", "processor_identifier", "engine", "id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    GET_COLUMN_STATS_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    capabilities: ClientCapabilities
    cat_name: str
    valid_write_id_list: str
    get_column_stats: bool
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    engine: str
    id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., capabilities: _Optional[_Union[ClientCapabilities, _Mapping]] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., get_column_stats: _Optional[bool] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ..., engine: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetTableReqResponse(_message.Message):
    __slots__ = ("table", "is_stats_compliant")
    TABLE_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    table: Table
    is_stats_compliant: bool
    def __init__(self, table: _Optional[_Union[Table, _Mapping]] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class GetTableObjectsByNameReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_names", "capabilities", "cat_name", "processor_capabilities", "processor_identifier", "projection_spec", "tables_pattern")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAMES_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    PROJECTION_SPEC_FIELD_NUMBER: _ClassVar[int]
    TABLES_PATTERN_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_names: _containers.RepeatedScalarFieldContainer[str]
    capabilities: ClientCapabilities
    cat_name: str
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    projection_spec: GetProjectionsSpec
    tables_pattern: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_names: _Optional[_Iterable[str]] = ..., capabilities: _Optional[_Union[ClientCapabilities, _Mapping]] = ..., cat_name: _Optional[str] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ..., projection_spec: _Optional[_Union[GetProjectionsSpec, _Mapping]] = ..., tables_pattern: _Optional[str] = ...) -> None: ...

class GetTableObjectsByNameReqResponse(_message.Message):
    __slots__ = ("tables",)
    TABLES_FIELD_NUMBER: _ClassVar[int]
    tables: _containers.RepeatedCompositeFieldContainer[Table]
    def __init__(self, tables: _Optional[_Iterable[_Union[Table, _Mapping]]] = ...) -> None: ...

class GetFieldsReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "env_context", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    ENV_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    env_context: EnvironmentContext
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., env_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetFieldsReqResponse(_message.Message):
    __slots__ = ("fields",)
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    def __init__(self, fields: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ...) -> None: ...

class GetSchemaReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "env_context", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    ENV_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    env_context: EnvironmentContext
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., env_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetSchemaReqResponse(_message.Message):
    __slots__ = ("fields",)
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    def __init__(self, fields: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ...) -> None: ...

class GetTablesRequest(_message.Message):
    __slots__ = ("db_name", "pattern")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    pattern: str
    def __init__(self, db_name: _Optional[str] = ..., pattern: _Optional[str] = ...) -> None: ...

class GetTablesResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetTablesByTypeRequest(_message.Message):
    __slots__ = ("db_name", "pattern", "table_type")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    TABLE_TYPE_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    pattern: str
    table_type: str
    def __init__(self, db_name: _Optional[str] = ..., pattern: _Optional[str] = ..., table_type: _Optional[str] = ...) -> None: ...

class GetTablesByTypeResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetAllTablesRequest(_message.Message):
    __slots__ = ("db_name",)
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    def __init__(self, db_name: _Optional[str] = ...) -> None: ...

class GetAllTablesResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetTablesExtRequest(_message.Message):
    __slots__ = ("catalog", "database", "table_name_pattern", "requested_fields", "limit", "processor_capabilities", "processor_identifier")
    CATALOG_FIELD_NUMBER: _ClassVar[int]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_PATTERN_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    catalog: str
    database: str
    table_name_pattern: str
    requested_fields: int
    limit: int
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    def __init__(self, catalog: _Optional[str] = ..., database: _Optional[str] = ..., table_name_pattern: _Optional[str] = ..., requested_fields: _Optional[int] = ..., limit: _Optional[int] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ...) -> None: ...

class ExtendedTableInfo(_message.Message):
    __slots__ = ("tbl_name", "access_type", "required_read_capabilities", "required_write_capabilities")
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    ACCESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_READ_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_WRITE_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    tbl_name: str
    access_type: int
    required_read_capabilities: _containers.RepeatedScalarFieldContainer[str]
    required_write_capabilities: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tbl_name: _Optional[str] = ..., access_type: _Optional[int] = ..., required_read_capabilities: _Optional[_Iterable[str]] = ..., required_write_capabilities: _Optional[_Iterable[str]] = ...) -> None: ...

class GetTablesExtResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[ExtendedTableInfo]
    def __init__(self, responses: _Optional[_Iterable[_Union[ExtendedTableInfo, _Mapping]]] = ...) -> None: ...

class GetTableNamesByFilterRequest(_message.Message):
    __slots__ = ("dbname", "filter", "max_tables")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_TABLES_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    filter: str
    max_tables: int
    def __init__(self, dbname: _Optional[str] = ..., filter: _Optional[str] = ..., max_tables: _Optional[int] = ...) -> None: ...

class GetTableNamesByFilterResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class TableMeta(_message.Message):
    __slots__ = ("db_name", "table_name", "table_type", "comments", "cat_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_TYPE_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    table_name: str
    table_type: str
    comments: str
    cat_name: str
    def __init__(self, db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., table_type: _Optional[str] = ..., comments: _Optional[str] = ..., cat_name: _Optional[str] = ...) -> None: ...

class GetTableMetaRequest(_message.Message):
    __slots__ = ("db_patterns", "tbl_patterns", "tbl_types")
    DB_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    TBL_PATTERNS_FIELD_NUMBER: _ClassVar[int]
    TBL_TYPES_FIELD_NUMBER: _ClassVar[int]
    db_patterns: str
    tbl_patterns: str
    tbl_types: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, db_patterns: _Optional[str] = ..., tbl_patterns: _Optional[str] = ..., tbl_types: _Optional[_Iterable[str]] = ...) -> None: ...

class GetTableMetaResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[TableMeta]
    def __init__(self, responses: _Optional[_Iterable[_Union[TableMeta, _Mapping]]] = ...) -> None: ...

class AlterTableReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "table_name", "table", "evironment_context", "write_id", "valid_write_id_list", "processor_capabilities", "processor_identifier")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    EVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    table_name: str
    table: Table
    evironment_context: EnvironmentContext
    write_id: int
    valid_write_id_list: str
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., table: _Optional[_Union[Table, _Mapping]] = ..., evironment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ...) -> None: ...

class AlterTableReqResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DropTableRequest(_message.Message):
    __slots__ = ("dbname", "name", "delete_data")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    name: str
    delete_data: bool
    def __init__(self, dbname: _Optional[str] = ..., name: _Optional[str] = ..., delete_data: _Optional[bool] = ...) -> None: ...

class DropTableResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DropTableWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("dbname", "name", "delete_data", "environment_context")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    name: str
    delete_data: bool
    environment_context: EnvironmentContext
    def __init__(self, dbname: _Optional[str] = ..., name: _Optional[str] = ..., delete_data: _Optional[bool] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class DropTableWithEnvironmentContextResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TruncateTableRequest(_message.Message):
    __slots__ = ("db_name", "table_name", "part_names", "write_id", "valid_write_id_list", "evironment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAMES_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    EVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    table_name: str
    part_names: _containers.RepeatedScalarFieldContainer[str]
    write_id: int
    valid_write_id_list: str
    evironment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., part_names: _Optional[_Iterable[str]] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., evironment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class TruncateTableResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DropConstraintRequest(_message.Message):
    __slots__ = ("dbname", "tablename", "constraint_name", "cat_name")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    TABLENAME_FIELD_NUMBER: _ClassVar[int]
    CONSTRAINT_NAME_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    tablename: str
    constraint_name: str
    cat_name: str
    def __init__(self, dbname: _Optional[str] = ..., tablename: _Optional[str] = ..., constraint_name: _Optional[str] = ..., cat_name: _Optional[str] = ...) -> None: ...

class DropConstraintResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddPrimaryKeyRequest(_message.Message):
    __slots__ = ("primary_key_cols",)
    PRIMARY_KEY_COLS_FIELD_NUMBER: _ClassVar[int]
    primary_key_cols: _containers.RepeatedCompositeFieldContainer[SQLPrimaryKey]
    def __init__(self, primary_key_cols: _Optional[_Iterable[_Union[SQLPrimaryKey, _Mapping]]] = ...) -> None: ...

class AddPrimaryKeyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddForeignKeyRequest(_message.Message):
    __slots__ = ("foreign_key_cols",)
    FOREIGN_KEY_COLS_FIELD_NUMBER: _ClassVar[int]
    foreign_key_cols: _containers.RepeatedCompositeFieldContainer[SQLForeignKey]
    def __init__(self, foreign_key_cols: _Optional[_Iterable[_Union[SQLForeignKey, _Mapping]]] = ...) -> None: ...

class AddForeignKeyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddUniqueConstraintRequest(_message.Message):
    __slots__ = ("unique_constraint_cols",)
    UNIQUE_CONSTRAINT_COLS_FIELD_NUMBER: _ClassVar[int]
    unique_constraint_cols: _containers.RepeatedCompositeFieldContainer[SQLUniqueConstraint]
    def __init__(self, unique_constraint_cols: _Optional[_Iterable[_Union[SQLUniqueConstraint, _Mapping]]] = ...) -> None: ...

class AddUniqueConstraintResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddNotNullConstraintRequest(_message.Message):
    __slots__ = ("not_null_constraint_cols",)
    NOT_NULL_CONSTRAINT_COLS_FIELD_NUMBER: _ClassVar[int]
    not_null_constraint_cols: _containers.RepeatedCompositeFieldContainer[SQLNotNullConstraint]
    def __init__(self, not_null_constraint_cols: _Optional[_Iterable[_Union[SQLNotNullConstraint, _Mapping]]] = ...) -> None: ...

class AddNotNullConstraintResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddDefaultConstraintRequest(_message.Message):
    __slots__ = ("default_constraint_cols",)
    DEFAULT_CONSTRAINT_COLS_FIELD_NUMBER: _ClassVar[int]
    default_constraint_cols: _containers.RepeatedCompositeFieldContainer[SQLDefaultConstraint]
    def __init__(self, default_constraint_cols: _Optional[_Iterable[_Union[SQLDefaultConstraint, _Mapping]]] = ...) -> None: ...

class AddDefaultConstraintResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddCheckConstraintRequest(_message.Message):
    __slots__ = ("check_constraint_cols",)
    CHECK_CONSTRAINT_COLS_FIELD_NUMBER: _ClassVar[int]
    check_constraint_cols: _containers.RepeatedCompositeFieldContainer[SQLCheckConstraint]
    def __init__(self, check_constraint_cols: _Optional[_Iterable[_Union[SQLCheckConstraint, _Mapping]]] = ...) -> None: ...

class AddCheckConstraintResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetPrimaryKeysRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "cat_name", "valid_write_id_list", "table_id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    cat_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetPrimaryKeysResponse(_message.Message):
    __slots__ = ("primary_keys",)
    PRIMARY_KEYS_FIELD_NUMBER: _ClassVar[int]
    primary_keys: _containers.RepeatedCompositeFieldContainer[SQLPrimaryKey]
    def __init__(self, primary_keys: _Optional[_Iterable[_Union[SQLPrimaryKey, _Mapping]]] = ...) -> None: ...

class GetForeignKeysRequest(_message.Message):
    __slots__ = ("parent_db_name", "parent_tbl_name", "foreign_db_name", "foreign_tbl_name", "cat_name", "valid_write_id_list", "table_id")
    PARENT_DB_NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    FOREIGN_DB_NAME_FIELD_NUMBER: _ClassVar[int]
    FOREIGN_TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    parent_db_name: str
    parent_tbl_name: str
    foreign_db_name: str
    foreign_tbl_name: str
    cat_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, parent_db_name: _Optional[str] = ..., parent_tbl_name: _Optional[str] = ..., foreign_db_name: _Optional[str] = ..., foreign_tbl_name: _Optional[str] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetForeignkeysResponse(_message.Message):
    __slots__ = ("foreign_keys",)
    FOREIGN_KEYS_FIELD_NUMBER: _ClassVar[int]
    foreign_keys: _containers.RepeatedCompositeFieldContainer[SQLForeignKey]
    def __init__(self, foreign_keys: _Optional[_Iterable[_Union[SQLForeignKey, _Mapping]]] = ...) -> None: ...

class GetUniqueConstraintsRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "valid_write_id_list", "table_id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetUniqueConstraintsResponse(_message.Message):
    __slots__ = ("unique_constraints",)
    UNIQUE_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    unique_constraints: _containers.RepeatedCompositeFieldContainer[SQLUniqueConstraint]
    def __init__(self, unique_constraints: _Optional[_Iterable[_Union[SQLUniqueConstraint, _Mapping]]] = ...) -> None: ...

class GetNotNullConstraintsRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "valid_write_id_list", "table_id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetNotNullConstraintsResponse(_message.Message):
    __slots__ = ("not_null_constraints",)
    NOT_NULL_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    not_null_constraints: _containers.RepeatedCompositeFieldContainer[SQLNotNullConstraint]
    def __init__(self, not_null_constraints: _Optional[_Iterable[_Union[SQLNotNullConstraint, _Mapping]]] = ...) -> None: ...

class GetDefaultConstraintsRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "valid_write_id_list", "table_id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetDefaultConstraintsResponse(_message.Message):
    __slots__ = ("default_constraints",)
    DEFAULT_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    default_constraints: _containers.RepeatedCompositeFieldContainer[SQLDefaultConstraint]
    def __init__(self, default_constraints: _Optional[_Iterable[_Union[SQLDefaultConstraint, _Mapping]]] = ...) -> None: ...

class GetCheckConstraintsRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "valid_write_id_list", "table_id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TABLE_ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    valid_write_id_list: str
    table_id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., table_id: _Optional[int] = ...) -> None: ...

class GetCheckConstraintsResponse(_message.Message):
    __slots__ = ("check_constraints",)
    CHECK_CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    check_constraints: _containers.RepeatedCompositeFieldContainer[SQLCheckConstraint]
    def __init__(self, check_constraints: _Optional[_Iterable[_Union[SQLCheckConstraint, _Mapping]]] = ...) -> None: ...

class AddPartitionWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("new_part", "environment_context")
    NEW_PART_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    new_part: Partition
    environment_context: EnvironmentContext
    def __init__(self, new_part: _Optional[_Union[Partition, _Mapping]] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class AddPartitionWithEnvironmentContextResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: Partition
    def __init__(self, response: _Optional[_Union[Partition, _Mapping]] = ...) -> None: ...

class AddPartitionsReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "parts", "if_not_exists", "need_result", "cat_name", "valid_write_id_list")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    IF_NOT_EXISTS_FIELD_NUMBER: _ClassVar[int]
    NEED_RESULT_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    parts: _containers.RepeatedCompositeFieldContainer[Partition]
    if_not_exists: bool
    need_result: bool
    cat_name: str
    valid_write_id_list: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ..., if_not_exists: _Optional[bool] = ..., need_result: _Optional[bool] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ...) -> None: ...

class AddPartitionsReqResponse(_message.Message):
    __slots__ = ("partitions", "is_stats_compliant")
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    is_stats_compliant: bool
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class AlterPartitionRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "new_part")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    NEW_PART_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    new_part: Partition
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., new_part: _Optional[_Union[Partition, _Mapping]] = ...) -> None: ...

class AlterPartitionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AlterPartitionWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "new_part", "environment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    NEW_PART_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    new_part: Partition
    environment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., new_part: _Optional[_Union[Partition, _Mapping]] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class AlterPartitionWithEnvironmentContextResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AlterPartitionsReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "table_name", "partitions", "environment_context", "write_id", "valid_write_id_list")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    table_name: str
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    environment_context: EnvironmentContext
    write_id: int
    valid_write_id_list: str
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ...) -> None: ...

class AlterPartitionsReqResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AppendPartitionByNameRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ...) -> None: ...

class AppendPartitionByNameWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name", "environment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    environment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class AppendPartitionRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_vals")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ...) -> None: ...

class AppendPartitionWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_vals", "environment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    environment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class DropPartitionByNameRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name", "delete_data")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    delete_data: bool
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ..., delete_data: _Optional[bool] = ...) -> None: ...

class DropPartitionByNameResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DropPartitionByNameWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name", "delete_data", "environment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    delete_data: bool
    environment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ..., delete_data: _Optional[bool] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class DropPartitionByNameWithEnvironmentContextResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DropPartitionRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_vals", "delete_data")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    delete_data: bool
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., delete_data: _Optional[bool] = ...) -> None: ...

class DropPartitionResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DropPartitionWithEnvironmentContextRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_vals", "delete_data", "environment_context")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    delete_data: bool
    environment_context: EnvironmentContext
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., delete_data: _Optional[bool] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ...) -> None: ...

class DropPartitionWithEnvironmentContextResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DropPartitionsExpr(_message.Message):
    __slots__ = ("expr", "part_archive_level")
    EXPR_FIELD_NUMBER: _ClassVar[int]
    PART_ARCHIVE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    expr: bytes
    part_archive_level: int
    def __init__(self, expr: _Optional[bytes] = ..., part_archive_level: _Optional[int] = ...) -> None: ...

class DropPartitionsExprList(_message.Message):
    __slots__ = ("exprs_lists",)
    EXPRS_LISTS_FIELD_NUMBER: _ClassVar[int]
    exprs_lists: _containers.RepeatedCompositeFieldContainer[DropPartitionsExpr]
    def __init__(self, exprs_lists: _Optional[_Iterable[_Union[DropPartitionsExpr, _Mapping]]] = ...) -> None: ...

class DropPartitionsReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "parts", "delete_data", "if_exists", "ignore_protection", "environment_context", "need_result", "cat_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    DELETE_DATA_FIELD_NUMBER: _ClassVar[int]
    IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    IGNORE_PROTECTION_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    NEED_RESULT_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    parts: RequestPartsSpec
    delete_data: bool
    if_exists: bool
    ignore_protection: bool
    environment_context: EnvironmentContext
    need_result: bool
    cat_name: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., parts: _Optional[_Union[RequestPartsSpec, _Mapping]] = ..., delete_data: _Optional[bool] = ..., if_exists: _Optional[bool] = ..., ignore_protection: _Optional[bool] = ..., environment_context: _Optional[_Union[EnvironmentContext, _Mapping]] = ..., need_result: _Optional[bool] = ..., cat_name: _Optional[str] = ...) -> None: ...

class DropPartitionsReqResponse(_message.Message):
    __slots__ = ("partitions",)
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class ExchangePartitionRequest(_message.Message):
    __slots__ = ("partition_specs", "source_db", "source_table_name", "dest_db", "dest_table_name")
    class PartitionSpecsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PARTITION_SPECS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DB_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEST_DB_FIELD_NUMBER: _ClassVar[int]
    DEST_TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    partition_specs: _containers.ScalarMap[str, str]
    source_db: str
    source_table_name: str
    dest_db: str
    dest_table_name: str
    def __init__(self, partition_specs: _Optional[_Mapping[str, str]] = ..., source_db: _Optional[str] = ..., source_table_name: _Optional[str] = ..., dest_db: _Optional[str] = ..., dest_table_name: _Optional[str] = ...) -> None: ...

class ExchangePartitionsRequest(_message.Message):
    __slots__ = ("partition_specs", "source_db", "source_table_name", "dest_db", "dest_table_name")
    class PartitionSpecsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PARTITION_SPECS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DB_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEST_DB_FIELD_NUMBER: _ClassVar[int]
    DEST_TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    partition_specs: _containers.ScalarMap[str, str]
    source_db: str
    source_table_name: str
    dest_db: str
    dest_table_name: str
    def __init__(self, partition_specs: _Optional[_Mapping[str, str]] = ..., source_db: _Optional[str] = ..., source_table_name: _Optional[str] = ..., dest_db: _Optional[str] = ..., dest_table_name: _Optional[str] = ...) -> None: ...

class ExchangePartitionsResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, responses: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class GetNumPartitionsByFilterRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "filter")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    filter: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class GetNumPartitionsByFilterResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: int
    def __init__(self, response: _Optional[int] = ...) -> None: ...

class GetPartSpecsByFilterRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "filter", "max_parts")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    filter: str
    max_parts: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., filter: _Optional[str] = ..., max_parts: _Optional[int] = ...) -> None: ...

class GetPartSpecsByFilterResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[PartitionSpec]
    def __init__(self, responses: _Optional[_Iterable[_Union[PartitionSpec, _Mapping]]] = ...) -> None: ...

class GetPartitionByNameRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ...) -> None: ...

class GetPartitionNamesReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "expr", "default_partition_name", "max_parts", "cat_name", "order", "valid_write_id_list", "id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPR_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PARTITION_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    expr: bytes
    default_partition_name: str
    max_parts: int
    cat_name: str
    order: str
    valid_write_id_list: str
    id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., expr: _Optional[bytes] = ..., default_partition_name: _Optional[str] = ..., max_parts: _Optional[int] = ..., cat_name: _Optional[str] = ..., order: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionNamesReqResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPartitionNamesPSReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "part_values", "max_parts", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALUES_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    part_values: _containers.RepeatedScalarFieldContainer[str]
    max_parts: int
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_values: _Optional[_Iterable[str]] = ..., max_parts: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionNamesPSReqResponse(_message.Message):
    __slots__ = ("names",)
    NAMES_FIELD_NUMBER: _ClassVar[int]
    names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, names: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPartitionReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "part_vals", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionReqResponse(_message.Message):
    __slots__ = ("partition",)
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    partition: Partition
    def __init__(self, partition: _Optional[_Union[Partition, _Mapping]] = ...) -> None: ...

class GetPartitionValuesRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "partition_keys", "apply_distinct", "filter", "partition_orders", "ascending", "max_parts", "cat_name", "valid_write_id_list")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PARTITION_KEYS_FIELD_NUMBER: _ClassVar[int]
    APPLY_DISTINCT_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    PARTITION_ORDERS_FIELD_NUMBER: _ClassVar[int]
    ASCENDING_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    partition_keys: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    apply_distinct: bool
    filter: str
    partition_orders: _containers.RepeatedCompositeFieldContainer[FieldSchema]
    ascending: bool
    max_parts: int
    cat_name: str
    valid_write_id_list: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., partition_keys: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ..., apply_distinct: _Optional[bool] = ..., filter: _Optional[str] = ..., partition_orders: _Optional[_Iterable[_Union[FieldSchema, _Mapping]]] = ..., ascending: _Optional[bool] = ..., max_parts: _Optional[int] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ...) -> None: ...

class GetPartitionValuesResponse(_message.Message):
    __slots__ = ("partition_values",)
    PARTITION_VALUES_FIELD_NUMBER: _ClassVar[int]
    partition_values: _containers.RepeatedCompositeFieldContainer[PartitionValuesRow]
    def __init__(self, partition_values: _Optional[_Iterable[_Union[PartitionValuesRow, _Mapping]]] = ...) -> None: ...

class GetPartitionWithAuthRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_vals", "user_name", "group_names")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    user_name: str
    group_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., user_name: _Optional[str] = ..., group_names: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPartitionsByExprRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "expr", "default_partition_name", "max_parts", "cat_name", "order", "valid_write_id_list", "id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPR_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PARTITION_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    expr: bytes
    default_partition_name: str
    max_parts: int
    cat_name: str
    order: str
    valid_write_id_list: str
    id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., expr: _Optional[bytes] = ..., default_partition_name: _Optional[str] = ..., max_parts: _Optional[int] = ..., cat_name: _Optional[str] = ..., order: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionsByExprResponse(_message.Message):
    __slots__ = ("partitions", "has_unknown_partitions")
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    HAS_UNKNOWN_PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    has_unknown_partitions: bool
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ..., has_unknown_partitions: _Optional[bool] = ...) -> None: ...

class GetPartitionsByFilterRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "filter", "max_parts")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    filter: str
    max_parts: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., filter: _Optional[str] = ..., max_parts: _Optional[int] = ...) -> None: ...

class GetPartitionsByFilterResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, responses: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class GetPartitionsByNamesReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "names", "get_col_stats", "processor_capabilities", "processor_identifier", "engine", "valid_write_id_list", "get_file_metadata", "id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    GET_COL_STATS_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    GET_FILE_METADATA_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    names: _containers.RepeatedScalarFieldContainer[str]
    get_col_stats: bool
    processor_capabilities: _containers.RepeatedScalarFieldContainer[str]
    processor_identifier: str
    engine: str
    valid_write_id_list: str
    get_file_metadata: bool
    id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., names: _Optional[_Iterable[str]] = ..., get_col_stats: _Optional[bool] = ..., processor_capabilities: _Optional[_Iterable[str]] = ..., processor_identifier: _Optional[str] = ..., engine: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., get_file_metadata: _Optional[bool] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionsByNamesReqResponse(_message.Message):
    __slots__ = ("partitions", "dictionary")
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    DICTIONARY_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    dictionary: ObjectDictionary
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ..., dictionary: _Optional[_Union[ObjectDictionary, _Mapping]] = ...) -> None: ...

class GetPartitionsPSWithAuthReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "part_vals", "max_parts", "user_name", "group_names", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    max_parts: int
    user_name: str
    group_names: _containers.RepeatedScalarFieldContainer[str]
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., max_parts: _Optional[int] = ..., user_name: _Optional[str] = ..., group_names: _Optional[_Iterable[str]] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionsPSWithAuthReqResponse(_message.Message):
    __slots__ = ("partitions",)
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class GetPartitionsPSpecRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "max_parts")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    max_parts: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., max_parts: _Optional[int] = ...) -> None: ...

class GetPartitionsPSpecResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[PartitionSpec]
    def __init__(self, responses: _Optional[_Iterable[_Union[PartitionSpec, _Mapping]]] = ...) -> None: ...

class GetPartitionsReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "tbl_name", "max_parts", "valid_write_id_list", "id")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    tbl_name: str
    max_parts: int
    valid_write_id_list: str
    id: int
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., max_parts: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetPartitionsReqResponse(_message.Message):
    __slots__ = ("partitions",)
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class GetPartitionsWithAuthRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "max_parts", "user_name", "group_names")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_PARTS_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    max_parts: int
    user_name: str
    group_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., max_parts: _Optional[int] = ..., user_name: _Optional[str] = ..., group_names: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPartitionsWithAuthResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, responses: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class Partition(_message.Message):
    __slots__ = ("values", "db_name", "table_name", "create_time", "last_access_time", "sd", "parameters", "privileges", "cat_name", "write_id", "is_stats_compliant", "col_stats", "file_metadata")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VALUES_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    SD_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    FILE_METADATA_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    db_name: str
    table_name: str
    create_time: int
    last_access_time: int
    sd: StorageDescriptor
    parameters: _containers.ScalarMap[str, str]
    privileges: PrincipalPrivilegeSet
    cat_name: str
    write_id: int
    is_stats_compliant: bool
    col_stats: ColumnStatistics
    file_metadata: FileMetadata
    def __init__(self, values: _Optional[_Iterable[str]] = ..., db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., create_time: _Optional[int] = ..., last_access_time: _Optional[int] = ..., sd: _Optional[_Union[StorageDescriptor, _Mapping]] = ..., parameters: _Optional[_Mapping[str, str]] = ..., privileges: _Optional[_Union[PrincipalPrivilegeSet, _Mapping]] = ..., cat_name: _Optional[str] = ..., write_id: _Optional[int] = ..., is_stats_compliant: _Optional[bool] = ..., col_stats: _Optional[_Union[ColumnStatistics, _Mapping]] = ..., file_metadata: _Optional[_Union[FileMetadata, _Mapping]] = ...) -> None: ...

class PartitionListComposingSpec(_message.Message):
    __slots__ = ("partitions",)
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[Partition]
    def __init__(self, partitions: _Optional[_Iterable[_Union[Partition, _Mapping]]] = ...) -> None: ...

class PartitionNameHasValidCharactersRequest(_message.Message):
    __slots__ = ("part_vals", "throw_exception")
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    THROW_EXCEPTION_FIELD_NUMBER: _ClassVar[int]
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    throw_exception: bool
    def __init__(self, part_vals: _Optional[_Iterable[str]] = ..., throw_exception: _Optional[bool] = ...) -> None: ...

class PartitionNameHasValidCharactersResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class PartitionNameToSpecRequest(_message.Message):
    __slots__ = ("part_name",)
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    part_name: str
    def __init__(self, part_name: _Optional[str] = ...) -> None: ...

class PartitionNameToSpecResponse(_message.Message):
    __slots__ = ("response",)
    class ResponseEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: _containers.ScalarMap[str, str]
    def __init__(self, response: _Optional[_Mapping[str, str]] = ...) -> None: ...

class PartitionNameToValsRequest(_message.Message):
    __slots__ = ("part_name",)
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    part_name: str
    def __init__(self, part_name: _Optional[str] = ...) -> None: ...

class PartitionNameToValsResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class PartitionSpec(_message.Message):
    __slots__ = ("db_name", "table_name", "root_path", "shared_sdpartition_spec", "partition_list", "cat_name", "write_id", "is_stats_compliant")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    ROOT_PATH_FIELD_NUMBER: _ClassVar[int]
    SHARED_SDPARTITION_SPEC_FIELD_NUMBER: _ClassVar[int]
    PARTITION_LIST_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    table_name: str
    root_path: str
    shared_sdpartition_spec: PartitionSpecWithSharedSD
    partition_list: PartitionListComposingSpec
    cat_name: str
    write_id: int
    is_stats_compliant: bool
    def __init__(self, db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., root_path: _Optional[str] = ..., shared_sdpartition_spec: _Optional[_Union[PartitionSpecWithSharedSD, _Mapping]] = ..., partition_list: _Optional[_Union[PartitionListComposingSpec, _Mapping]] = ..., cat_name: _Optional[str] = ..., write_id: _Optional[int] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class PartitionSpecWithSharedSD(_message.Message):
    __slots__ = ("partitions", "sd")
    PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    SD_FIELD_NUMBER: _ClassVar[int]
    partitions: _containers.RepeatedCompositeFieldContainer[PartitionWithoutSD]
    sd: StorageDescriptor
    def __init__(self, partitions: _Optional[_Iterable[_Union[PartitionWithoutSD, _Mapping]]] = ..., sd: _Optional[_Union[StorageDescriptor, _Mapping]] = ...) -> None: ...

class PartitionValuesRow(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ...) -> None: ...

class PartitionWithoutSD(_message.Message):
    __slots__ = ("values", "create_time", "last_access_time", "relative_path", "parameters", "privileges")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VALUES_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_PATH_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    create_time: int
    last_access_time: int
    relative_path: str
    parameters: _containers.ScalarMap[str, str]
    privileges: PrincipalPrivilegeSet
    def __init__(self, values: _Optional[_Iterable[str]] = ..., create_time: _Optional[int] = ..., last_access_time: _Optional[int] = ..., relative_path: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ..., privileges: _Optional[_Union[PrincipalPrivilegeSet, _Mapping]] = ...) -> None: ...

class RenamePartitionReqRequest(_message.Message):
    __slots__ = ("cat_name", "db_name", "table_name", "part_vals", "new_part", "valid_write_id_list", "txn_id", "clone_part")
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALS_FIELD_NUMBER: _ClassVar[int]
    NEW_PART_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    TXN_ID_FIELD_NUMBER: _ClassVar[int]
    CLONE_PART_FIELD_NUMBER: _ClassVar[int]
    cat_name: str
    db_name: str
    table_name: str
    part_vals: _containers.RepeatedScalarFieldContainer[str]
    new_part: Partition
    valid_write_id_list: str
    txn_id: int
    clone_part: bool
    def __init__(self, cat_name: _Optional[str] = ..., db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., part_vals: _Optional[_Iterable[str]] = ..., new_part: _Optional[_Union[Partition, _Mapping]] = ..., valid_write_id_list: _Optional[str] = ..., txn_id: _Optional[int] = ..., clone_part: _Optional[bool] = ...) -> None: ...

class RenamePartitionReqResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RequestPartsSpec(_message.Message):
    __slots__ = ("names", "exprs")
    NAMES_FIELD_NUMBER: _ClassVar[int]
    EXPRS_FIELD_NUMBER: _ClassVar[int]
    names: StringList
    exprs: DropPartitionsExprList
    def __init__(self, names: _Optional[_Union[StringList, _Mapping]] = ..., exprs: _Optional[_Union[DropPartitionsExprList, _Mapping]] = ...) -> None: ...

class BooleanColumnStatsData(_message.Message):
    __slots__ = ("num_trues", "num_falses", "num_nulls", "bit_vectors")
    NUM_TRUES_FIELD_NUMBER: _ClassVar[int]
    NUM_FALSES_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    num_trues: int
    num_falses: int
    num_nulls: int
    bit_vectors: bytes
    def __init__(self, num_trues: _Optional[int] = ..., num_falses: _Optional[int] = ..., num_nulls: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class DoubleColumnStatsData(_message.Message):
    __slots__ = ("low_value", "high_value", "num_nulls", "num_dvs", "bit_vectors")
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NUM_DVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    low_value: float
    high_value: float
    num_nulls: int
    num_dvs: int
    bit_vectors: bytes
    def __init__(self, low_value: _Optional[float] = ..., high_value: _Optional[float] = ..., num_nulls: _Optional[int] = ..., num_dvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class LongColumnStatsData(_message.Message):
    __slots__ = ("low_value", "high_value", "num_nulls", "num_dvs", "bit_vectors")
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NUM_DVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    low_value: int
    high_value: int
    num_nulls: int
    num_dvs: int
    bit_vectors: bytes
    def __init__(self, low_value: _Optional[int] = ..., high_value: _Optional[int] = ..., num_nulls: _Optional[int] = ..., num_dvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class StringColumnStatsData(_message.Message):
    __slots__ = ("max_col_len", "avg_col_len", "num_nulls", "nu_mdvs", "bit_vectors")
    MAX_COL_LEN_FIELD_NUMBER: _ClassVar[int]
    AVG_COL_LEN_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NU_MDVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    max_col_len: int
    avg_col_len: float
    num_nulls: int
    nu_mdvs: int
    bit_vectors: bytes
    def __init__(self, max_col_len: _Optional[int] = ..., avg_col_len: _Optional[float] = ..., num_nulls: _Optional[int] = ..., nu_mdvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class BinaryColumnStatsData(_message.Message):
    __slots__ = ("max_col_len", "avg_col_len", "num_nulls", "bit_vectors")
    MAX_COL_LEN_FIELD_NUMBER: _ClassVar[int]
    AVG_COL_LEN_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    max_col_len: int
    avg_col_len: float
    num_nulls: int
    bit_vectors: bytes
    def __init__(self, max_col_len: _Optional[int] = ..., avg_col_len: _Optional[float] = ..., num_nulls: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class DecimalColumnStatsData(_message.Message):
    __slots__ = ("low_value", "high_value", "num_nulls", "num_dvs", "bit_vectors")
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NUM_DVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    low_value: Decimal
    high_value: Decimal
    num_nulls: int
    num_dvs: int
    bit_vectors: bytes
    def __init__(self, low_value: _Optional[_Union[Decimal, _Mapping]] = ..., high_value: _Optional[_Union[Decimal, _Mapping]] = ..., num_nulls: _Optional[int] = ..., num_dvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class DateColumnStatsData(_message.Message):
    __slots__ = ("low_value", "high_value", "num_nulls", "num_dvs", "bit_vectors")
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NUM_DVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    low_value: Date
    high_value: Date
    num_nulls: int
    num_dvs: int
    bit_vectors: bytes
    def __init__(self, low_value: _Optional[_Union[Date, _Mapping]] = ..., high_value: _Optional[_Union[Date, _Mapping]] = ..., num_nulls: _Optional[int] = ..., num_dvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class TimestampColumnStatsData(_message.Message):
    __slots__ = ("low_value", "high_value", "num_nulls", "num_dvs", "bit_vectors")
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    NUM_NULLS_FIELD_NUMBER: _ClassVar[int]
    NUM_DVS_FIELD_NUMBER: _ClassVar[int]
    BIT_VECTORS_FIELD_NUMBER: _ClassVar[int]
    low_value: Timestamp
    high_value: Timestamp
    num_nulls: int
    num_dvs: int
    bit_vectors: bytes
    def __init__(self, low_value: _Optional[_Union[Timestamp, _Mapping]] = ..., high_value: _Optional[_Union[Timestamp, _Mapping]] = ..., num_nulls: _Optional[int] = ..., num_dvs: _Optional[int] = ..., bit_vectors: _Optional[bytes] = ...) -> None: ...

class ColumnStatisticsData(_message.Message):
    __slots__ = ("boolean_stats", "long_stats", "double_stats", "string_stats", "binary_stats", "decimal_stats", "date_stats", "timestamp_stats")
    BOOLEAN_STATS_FIELD_NUMBER: _ClassVar[int]
    LONG_STATS_FIELD_NUMBER: _ClassVar[int]
    DOUBLE_STATS_FIELD_NUMBER: _ClassVar[int]
    STRING_STATS_FIELD_NUMBER: _ClassVar[int]
    BINARY_STATS_FIELD_NUMBER: _ClassVar[int]
    DECIMAL_STATS_FIELD_NUMBER: _ClassVar[int]
    DATE_STATS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_STATS_FIELD_NUMBER: _ClassVar[int]
    boolean_stats: BooleanColumnStatsData
    long_stats: LongColumnStatsData
    double_stats: DoubleColumnStatsData
    string_stats: StringColumnStatsData
    binary_stats: BinaryColumnStatsData
    decimal_stats: DecimalColumnStatsData
    date_stats: DateColumnStatsData
    timestamp_stats: TimestampColumnStatsData
    def __init__(self, boolean_stats: _Optional[_Union[BooleanColumnStatsData, _Mapping]] = ..., long_stats: _Optional[_Union[LongColumnStatsData, _Mapping]] = ..., double_stats: _Optional[_Union[DoubleColumnStatsData, _Mapping]] = ..., string_stats: _Optional[_Union[StringColumnStatsData, _Mapping]] = ..., binary_stats: _Optional[_Union[BinaryColumnStatsData, _Mapping]] = ..., decimal_stats: _Optional[_Union[DecimalColumnStatsData, _Mapping]] = ..., date_stats: _Optional[_Union[DateColumnStatsData, _Mapping]] = ..., timestamp_stats: _Optional[_Union[TimestampColumnStatsData, _Mapping]] = ...) -> None: ...

class ColumnStatisticsObj(_message.Message):
    __slots__ = ("col_name", "col_type", "stats_data")
    COL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATS_DATA_FIELD_NUMBER: _ClassVar[int]
    col_name: str
    col_type: str
    stats_data: ColumnStatisticsData
    def __init__(self, col_name: _Optional[str] = ..., col_type: _Optional[str] = ..., stats_data: _Optional[_Union[ColumnStatisticsData, _Mapping]] = ...) -> None: ...

class ColumnStatisticsDesc(_message.Message):
    __slots__ = ("is_tbl_level", "db_name", "table_name", "part_name", "last_analyzed", "cat_name")
    IS_TBL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_ANALYZED_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    is_tbl_level: bool
    db_name: str
    table_name: str
    part_name: str
    last_analyzed: int
    cat_name: str
    def __init__(self, is_tbl_level: _Optional[bool] = ..., db_name: _Optional[str] = ..., table_name: _Optional[str] = ..., part_name: _Optional[str] = ..., last_analyzed: _Optional[int] = ..., cat_name: _Optional[str] = ...) -> None: ...

class ColumnStatistics(_message.Message):
    __slots__ = ("stats_desc", "stats_objs", "is_stats_compliant", "engine")
    STATS_DESC_FIELD_NUMBER: _ClassVar[int]
    STATS_OBJS_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    stats_desc: ColumnStatisticsDesc
    stats_objs: _containers.RepeatedCompositeFieldContainer[ColumnStatisticsObj]
    is_stats_compliant: bool
    engine: str
    def __init__(self, stats_desc: _Optional[_Union[ColumnStatisticsDesc, _Mapping]] = ..., stats_objs: _Optional[_Iterable[_Union[ColumnStatisticsObj, _Mapping]]] = ..., is_stats_compliant: _Optional[bool] = ..., engine: _Optional[str] = ...) -> None: ...

class ColumnStatisticsObjList(_message.Message):
    __slots__ = ("column_statistics_obj_lists",)
    COLUMN_STATISTICS_OBJ_LISTS_FIELD_NUMBER: _ClassVar[int]
    column_statistics_obj_lists: _containers.RepeatedCompositeFieldContainer[ColumnStatisticsObj]
    def __init__(self, column_statistics_obj_lists: _Optional[_Iterable[_Union[ColumnStatisticsObj, _Mapping]]] = ...) -> None: ...

class UpdateTableColumnStatisticsReqRequest(_message.Message):
    __slots__ = ("col_stats", "need_merge", "write_id", "valid_write_id_list", "engine")
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    NEED_MERGE_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    col_stats: _containers.RepeatedCompositeFieldContainer[ColumnStatistics]
    need_merge: bool
    write_id: int
    valid_write_id_list: str
    engine: str
    def __init__(self, col_stats: _Optional[_Iterable[_Union[ColumnStatistics, _Mapping]]] = ..., need_merge: _Optional[bool] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class UpdateTableColumnStatisticsReqResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: bool
    def __init__(self, result: _Optional[bool] = ...) -> None: ...

class UpdatePartitionColumnStatisticsReqRequest(_message.Message):
    __slots__ = ("col_stats", "need_merge", "write_id", "valid_write_id_list", "engine")
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    NEED_MERGE_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    col_stats: _containers.RepeatedCompositeFieldContainer[ColumnStatistics]
    need_merge: bool
    write_id: int
    valid_write_id_list: str
    engine: str
    def __init__(self, col_stats: _Optional[_Iterable[_Union[ColumnStatistics, _Mapping]]] = ..., need_merge: _Optional[bool] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class UpdatePartitionColumnStatisticsReqResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: bool
    def __init__(self, result: _Optional[bool] = ...) -> None: ...

class GetTableColumnStatisticsRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "col_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    col_name: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., col_name: _Optional[str] = ...) -> None: ...

class GetPartitionColumnStatisticsRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name", "col_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    col_name: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ..., col_name: _Optional[str] = ...) -> None: ...

class GetTableStatisticsReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "col_names", "cat_name", "valid_write_id_list", "engine", "id")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAMES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    col_names: _containers.RepeatedScalarFieldContainer[str]
    cat_name: str
    valid_write_id_list: str
    engine: str
    id: int
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., col_names: _Optional[_Iterable[str]] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ..., id: _Optional[int] = ...) -> None: ...

class GetTableStatisticsReqResponse(_message.Message):
    __slots__ = ("table_stats", "is_stats_compliant")
    TABLE_STATS_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    table_stats: _containers.RepeatedCompositeFieldContainer[ColumnStatisticsObj]
    is_stats_compliant: bool
    def __init__(self, table_stats: _Optional[_Iterable[_Union[ColumnStatisticsObj, _Mapping]]] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class GetPartitionsStatisticsReqRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "col_names", "part_names", "cat_name", "valid_write_id_list", "engine")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAMES_FIELD_NUMBER: _ClassVar[int]
    PART_NAMES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    col_names: _containers.RepeatedScalarFieldContainer[str]
    part_names: _containers.RepeatedScalarFieldContainer[str]
    cat_name: str
    valid_write_id_list: str
    engine: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., col_names: _Optional[_Iterable[str]] = ..., part_names: _Optional[_Iterable[str]] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class GetPartitionsStatisticsReqResponse(_message.Message):
    __slots__ = ("part_stats", "is_stats_compliant")
    class PartStatsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ColumnStatisticsObjList
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ColumnStatisticsObjList, _Mapping]] = ...) -> None: ...
    PART_STATS_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    part_stats: _containers.MessageMap[str, ColumnStatisticsObjList]
    is_stats_compliant: bool
    def __init__(self, part_stats: _Optional[_Mapping[str, ColumnStatisticsObjList]] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class GetAggrStatsForRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "col_names", "part_names", "cat_name", "valid_write_id_list", "engine")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAMES_FIELD_NUMBER: _ClassVar[int]
    PART_NAMES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    col_names: _containers.RepeatedScalarFieldContainer[str]
    part_names: _containers.RepeatedScalarFieldContainer[str]
    cat_name: str
    valid_write_id_list: str
    engine: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., col_names: _Optional[_Iterable[str]] = ..., part_names: _Optional[_Iterable[str]] = ..., cat_name: _Optional[str] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class AggrStats(_message.Message):
    __slots__ = ("col_stats", "parts_found", "is_stats_compliant")
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    PARTS_FOUND_FIELD_NUMBER: _ClassVar[int]
    IS_STATS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    col_stats: _containers.RepeatedCompositeFieldContainer[ColumnStatisticsObj]
    parts_found: int
    is_stats_compliant: bool
    def __init__(self, col_stats: _Optional[_Iterable[_Union[ColumnStatisticsObj, _Mapping]]] = ..., parts_found: _Optional[int] = ..., is_stats_compliant: _Optional[bool] = ...) -> None: ...

class SetAggrStatsForRequest(_message.Message):
    __slots__ = ("col_stats", "need_merge", "write_id", "valid_write_id_list", "engine")
    COL_STATS_FIELD_NUMBER: _ClassVar[int]
    NEED_MERGE_FIELD_NUMBER: _ClassVar[int]
    WRITE_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_WRITE_ID_LIST_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    col_stats: _containers.RepeatedCompositeFieldContainer[ColumnStatistics]
    need_merge: bool
    write_id: int
    valid_write_id_list: str
    engine: str
    def __init__(self, col_stats: _Optional[_Iterable[_Union[ColumnStatistics, _Mapping]]] = ..., need_merge: _Optional[bool] = ..., write_id: _Optional[int] = ..., valid_write_id_list: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class SetAggrStatsForResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DeletePartitionColumnStatisticsRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "part_name", "col_name", "engine")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAME_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    part_name: str
    col_name: str
    engine: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., part_name: _Optional[str] = ..., col_name: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class DeletePartitionColumnStatisticsResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DeleteTableColumnStatisticsRequest(_message.Message):
    __slots__ = ("db_name", "tbl_name", "col_name", "engine")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    TBL_NAME_FIELD_NUMBER: _ClassVar[int]
    COL_NAME_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    tbl_name: str
    col_name: str
    engine: str
    def __init__(self, db_name: _Optional[str] = ..., tbl_name: _Optional[str] = ..., col_name: _Optional[str] = ..., engine: _Optional[str] = ...) -> None: ...

class DeleteTableColumnStatisticsResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class ResourceUri(_message.Message):
    __slots__ = ("resource_type", "uri")
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    URI_FIELD_NUMBER: _ClassVar[int]
    resource_type: ResourceType
    uri: str
    def __init__(self, resource_type: _Optional[_Union[ResourceType, str]] = ..., uri: _Optional[str] = ...) -> None: ...

class Function(_message.Message):
    __slots__ = ("function_name", "db_name", "class_name", "owner_name", "owner_type", "create_time", "function_type", "resource_urises", "cat_name")
    FUNCTION_NAME_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    CLASS_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_URISES_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    function_name: str
    db_name: str
    class_name: str
    owner_name: str
    owner_type: PrincipalType
    create_time: int
    function_type: FunctionType
    resource_urises: _containers.RepeatedCompositeFieldContainer[ResourceUri]
    cat_name: str
    def __init__(self, function_name: _Optional[str] = ..., db_name: _Optional[str] = ..., class_name: _Optional[str] = ..., owner_name: _Optional[str] = ..., owner_type: _Optional[_Union[PrincipalType, str]] = ..., create_time: _Optional[int] = ..., function_type: _Optional[_Union[FunctionType, str]] = ..., resource_urises: _Optional[_Iterable[_Union[ResourceUri, _Mapping]]] = ..., cat_name: _Optional[str] = ...) -> None: ...

class CreateFunctionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DropFunctionRequest(_message.Message):
    __slots__ = ("db_name", "func_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNC_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    func_name: str
    def __init__(self, db_name: _Optional[str] = ..., func_name: _Optional[str] = ...) -> None: ...

class DropFunctionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AlterFunctionRequest(_message.Message):
    __slots__ = ("db_name", "func_name", "new_func")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNC_NAME_FIELD_NUMBER: _ClassVar[int]
    NEW_FUNC_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    func_name: str
    new_func: Function
    def __init__(self, db_name: _Optional[str] = ..., func_name: _Optional[str] = ..., new_func: _Optional[_Union[Function, _Mapping]] = ...) -> None: ...

class AlterFunctionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetFunctionsRequest(_message.Message):
    __slots__ = ("db_name", "pattern")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    pattern: str
    def __init__(self, db_name: _Optional[str] = ..., pattern: _Optional[str] = ...) -> None: ...

class GetFunctionsResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class GetFunctionRequest(_message.Message):
    __slots__ = ("db_name", "func_name")
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNC_NAME_FIELD_NUMBER: _ClassVar[int]
    db_name: str
    func_name: str
    def __init__(self, db_name: _Optional[str] = ..., func_name: _Optional[str] = ...) -> None: ...

class GetAllFunctionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetAllFunctionsResponse(_message.Message):
    __slots__ = ("functions",)
    FUNCTIONS_FIELD_NUMBER: _ClassVar[int]
    functions: _containers.RepeatedCompositeFieldContainer[Function]
    def __init__(self, functions: _Optional[_Iterable[_Union[Function, _Mapping]]] = ...) -> None: ...

class Role(_message.Message):
    __slots__ = ("role_name", "create_time", "owner_name")
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    OWNER_NAME_FIELD_NUMBER: _ClassVar[int]
    role_name: str
    create_time: int
    owner_name: str
    def __init__(self, role_name: _Optional[str] = ..., create_time: _Optional[int] = ..., owner_name: _Optional[str] = ...) -> None: ...

class CreateRoleResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class DropRoleRequest(_message.Message):
    __slots__ = ("role_name",)
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    role_name: str
    def __init__(self, role_name: _Optional[str] = ...) -> None: ...

class DropRoleResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: bool
    def __init__(self, response: _Optional[bool] = ...) -> None: ...

class GetRoleNamesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetRoleNamesResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, responses: _Optional[_Iterable[str]] = ...) -> None: ...

class ListRolesRequest(_message.Message):
    __slots__ = ("principal_name", "principal_type")
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    principal_name: str
    principal_type: PrincipalType
    def __init__(self, principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ...) -> None: ...

class ListRolesResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[Role]
    def __init__(self, responses: _Optional[_Iterable[_Union[Role, _Mapping]]] = ...) -> None: ...

class GrantRevokeRoleRequest(_message.Message):
    __slots__ = ("request_type", "role_name", "principal_name", "principal_type", "grantor", "grantor_type", "grant_option")
    REQUEST_TYPE_FIELD_NUMBER: _ClassVar[int]
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANT_OPTION_FIELD_NUMBER: _ClassVar[int]
    request_type: GrantRevokeType
    role_name: str
    principal_name: str
    principal_type: PrincipalType
    grantor: str
    grantor_type: PrincipalType
    grant_option: bool
    def __init__(self, request_type: _Optional[_Union[GrantRevokeType, str]] = ..., role_name: _Optional[str] = ..., principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ..., grantor: _Optional[str] = ..., grantor_type: _Optional[_Union[PrincipalType, str]] = ..., grant_option: _Optional[bool] = ...) -> None: ...

class GrantRevokeRoleResponse(_message.Message):
    __slots__ = ("success",)
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    success: bool
    def __init__(self, success: _Optional[bool] = ...) -> None: ...

class GetPrincipalsInRoleRequest(_message.Message):
    __slots__ = ("role_name",)
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    role_name: str
    def __init__(self, role_name: _Optional[str] = ...) -> None: ...

class RolePrincipalGrant(_message.Message):
    __slots__ = ("role_name", "principal_name", "principal_type", "grant_option", "grant_time", "grantor_name", "grantor_principal_type")
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANT_OPTION_FIELD_NUMBER: _ClassVar[int]
    GRANT_TIME_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    GRANTOR_PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    role_name: str
    principal_name: str
    principal_type: PrincipalType
    grant_option: bool
    grant_time: int
    grantor_name: str
    grantor_principal_type: PrincipalType
    def __init__(self, role_name: _Optional[str] = ..., principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ..., grant_option: _Optional[bool] = ..., grant_time: _Optional[int] = ..., grantor_name: _Optional[str] = ..., grantor_principal_type: _Optional[_Union[PrincipalType, str]] = ...) -> None: ...

class GetPrincipalsInRoleResponse(_message.Message):
    __slots__ = ("principal_grants",)
    PRINCIPAL_GRANTS_FIELD_NUMBER: _ClassVar[int]
    principal_grants: _containers.RepeatedCompositeFieldContainer[RolePrincipalGrant]
    def __init__(self, principal_grants: _Optional[_Iterable[_Union[RolePrincipalGrant, _Mapping]]] = ...) -> None: ...

class GetRoleGrantsForPrincipalRequest(_message.Message):
    __slots__ = ("principal_name", "principal_type")
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    principal_name: str
    principal_type: PrincipalType
    def __init__(self, principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ...) -> None: ...

class GetRoleGrantsForPrincipalResponse(_message.Message):
    __slots__ = ("principal_grants",)
    PRINCIPAL_GRANTS_FIELD_NUMBER: _ClassVar[int]
    principal_grants: _containers.RepeatedCompositeFieldContainer[RolePrincipalGrant]
    def __init__(self, principal_grants: _Optional[_Iterable[_Union[RolePrincipalGrant, _Mapping]]] = ...) -> None: ...

class HiveObjectRef(_message.Message):
    __slots__ = ("object_type", "db_name", "object_name", "part_values", "column_name", "cat_name")
    OBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DB_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_NAME_FIELD_NUMBER: _ClassVar[int]
    PART_VALUES_FIELD_NUMBER: _ClassVar[int]
    COLUMN_NAME_FIELD_NUMBER: _ClassVar[int]
    CAT_NAME_FIELD_NUMBER: _ClassVar[int]
    object_type: HiveObjectType
    db_name: str
    object_name: str
    part_values: _containers.RepeatedScalarFieldContainer[str]
    column_name: str
    cat_name: str
    def __init__(self, object_type: _Optional[_Union[HiveObjectType, str]] = ..., db_name: _Optional[str] = ..., object_name: _Optional[str] = ..., part_values: _Optional[_Iterable[str]] = ..., column_name: _Optional[str] = ..., cat_name: _Optional[str] = ...) -> None: ...

class GetPrivilegeSetRequest(_message.Message):
    __slots__ = ("hive_object", "user_name", "group_names")
    HIVE_OBJECT_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    hive_object: HiveObjectRef
    user_name: str
    group_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hive_object: _Optional[_Union[HiveObjectRef, _Mapping]] = ..., user_name: _Optional[str] = ..., group_names: _Optional[_Iterable[str]] = ...) -> None: ...

class ListPrivilegesRequest(_message.Message):
    __slots__ = ("principal_name", "principal_type", "hive_object")
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    HIVE_OBJECT_FIELD_NUMBER: _ClassVar[int]
    principal_name: str
    principal_type: PrincipalType
    hive_object: HiveObjectRef
    def __init__(self, principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ..., hive_object: _Optional[_Union[HiveObjectRef, _Mapping]] = ...) -> None: ...

class HiveObjectPrivilege(_message.Message):
    __slots__ = ("hive_object", "principal_name", "principal_type", "grant_info", "authorizer")
    HIVE_OBJECT_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    GRANT_INFO_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZER_FIELD_NUMBER: _ClassVar[int]
    hive_object: HiveObjectRef
    principal_name: str
    principal_type: PrincipalType
    grant_info: PrivilegeGrantInfo
    authorizer: str
    def __init__(self, hive_object: _Optional[_Union[HiveObjectRef, _Mapping]] = ..., principal_name: _Optional[str] = ..., principal_type: _Optional[_Union[PrincipalType, str]] = ..., grant_info: _Optional[_Union[PrivilegeGrantInfo, _Mapping]] = ..., authorizer: _Optional[str] = ...) -> None: ...

class ListPrivilegesResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[HiveObjectPrivilege]
    def __init__(self, responses: _Optional[_Iterable[_Union[HiveObjectPrivilege, _Mapping]]] = ...) -> None: ...

class PrivilegeBag(_message.Message):
    __slots__ = ("privileges",)
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    privileges: _containers.RepeatedCompositeFieldContainer[HiveObjectPrivilege]
    def __init__(self, privileges: _Optional[_Iterable[_Union[HiveObjectPrivilege, _Mapping]]] = ...) -> None: ...

class GrantRevokePrivilegesRequest(_message.Message):
    __slots__ = ("request_type", "privileges", "revoke_grant_option")
    REQUEST_TYPE_FIELD_NUMBER: _ClassVar[int]
    PRIVILEGES_FIELD_NUMBER: _ClassVar[int]
    REVOKE_GRANT_OPTION_FIELD_NUMBER: _ClassVar[int]
    request_type: GrantRevokeType
    privileges: PrivilegeBag
    revoke_grant_option: bool
    def __init__(self, request_type: _Optional[_Union[GrantRevokeType, str]] = ..., privileges: _Optional[_Union[PrivilegeBag, _Mapping]] = ..., revoke_grant_option: _Optional[bool] = ...) -> None: ...

class GrantRevokePrivilegesResponse(_message.Message):
    __slots__ = ("success",)
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    success: bool
    def __init__(self, success: _Optional[bool] = ...) -> None: ...

class RefreshPrivilegesRequest(_message.Message):
    __slots__ = ("obj_to_refresh", "authorizer", "grant_request")
    OBJ_TO_REFRESH_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZER_FIELD_NUMBER: _ClassVar[int]
    GRANT_REQUEST_FIELD_NUMBER: _ClassVar[int]
    obj_to_refresh: HiveObjectRef
    authorizer: str
    grant_request: GrantRevokePrivilegesRequest
    def __init__(self, obj_to_refresh: _Optional[_Union[HiveObjectRef, _Mapping]] = ..., authorizer: _Optional[str] = ..., grant_request: _Optional[_Union[GrantRevokePrivilegesRequest, _Mapping]] = ...) -> None: ...

class RefreshPrivilegesResponse(_message.Message):
    __slots__ = ("success",)
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    success: bool
    def __init__(self, success: _Optional[bool] = ...) -> None: ...

class LockComponent(_message.Message):
    __slots__ = ("type", "level", "dbname", "tablename", "partitionname", "operation_type", "is_transactional", "is_dynamic_partition_write")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    TABLENAME_FIELD_NUMBER: _ClassVar[int]
    PARTITIONNAME_FIELD_NUMBER: _ClassVar[int]
    OPERATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    IS_TRANSACTIONAL_FIELD_NUMBER: _ClassVar[int]
    IS_DYNAMIC_PARTITION_WRITE_FIELD_NUMBER: _ClassVar[int]
    type: LockType
    level: LockLevel
    dbname: str
    tablename: str
    partitionname: str
    operation_type: DataOperationType
    is_transactional: bool
    is_dynamic_partition_write: bool
    def __init__(self, type: _Optional[_Union[LockType, str]] = ..., level: _Optional[_Union[LockLevel, str]] = ..., dbname: _Optional[str] = ..., tablename: _Optional[str] = ..., partitionname: _Optional[str] = ..., operation_type: _Optional[_Union[DataOperationType, str]] = ..., is_transactional: _Optional[bool] = ..., is_dynamic_partition_write: _Optional[bool] = ...) -> None: ...

class LockRequest(_message.Message):
    __slots__ = ("components", "txnid", "user", "hostname", "agent_info", "zero_wait_read_enabled", "exclusive_ctas")
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    TXNID_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    AGENT_INFO_FIELD_NUMBER: _ClassVar[int]
    ZERO_WAIT_READ_ENABLED_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_CTAS_FIELD_NUMBER: _ClassVar[int]
    components: _containers.RepeatedCompositeFieldContainer[LockComponent]
    txnid: int
    user: str
    hostname: str
    agent_info: str
    zero_wait_read_enabled: bool
    exclusive_ctas: bool
    def __init__(self, components: _Optional[_Iterable[_Union[LockComponent, _Mapping]]] = ..., txnid: _Optional[int] = ..., user: _Optional[str] = ..., hostname: _Optional[str] = ..., agent_info: _Optional[str] = ..., zero_wait_read_enabled: _Optional[bool] = ..., exclusive_ctas: _Optional[bool] = ...) -> None: ...

class LockResponse(_message.Message):
    __slots__ = ("lockid", "state", "error_message")
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    state: LockState
    error_message: str
    def __init__(self, lockid: _Optional[int] = ..., state: _Optional[_Union[LockState, str]] = ..., error_message: _Optional[str] = ...) -> None: ...

class CheckLockRequest(_message.Message):
    __slots__ = ("lockid", "txnid", "elapsed_ms")
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    TXNID_FIELD_NUMBER: _ClassVar[int]
    ELAPSED_MS_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    txnid: int
    elapsed_ms: int
    def __init__(self, lockid: _Optional[int] = ..., txnid: _Optional[int] = ..., elapsed_ms: _Optional[int] = ...) -> None: ...

class CheckLockResponse(_message.Message):
    __slots__ = ("lockid", "state", "error_message")
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    state: LockState
    error_message: str
    def __init__(self, lockid: _Optional[int] = ..., state: _Optional[_Union[LockState, str]] = ..., error_message: _Optional[str] = ...) -> None: ...

class UnlockRequest(_message.Message):
    __slots__ = ("lockid",)
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    def __init__(self, lockid: _Optional[int] = ...) -> None: ...

class UnlockResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ShowLocksRequest(_message.Message):
    __slots__ = ("dbname", "tablename", "partname", "is_extended", "txnid")
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    TABLENAME_FIELD_NUMBER: _ClassVar[int]
    PARTNAME_FIELD_NUMBER: _ClassVar[int]
    IS_EXTENDED_FIELD_NUMBER: _ClassVar[int]
    TXNID_FIELD_NUMBER: _ClassVar[int]
    dbname: str
    tablename: str
    partname: str
    is_extended: bool
    txnid: int
    def __init__(self, dbname: _Optional[str] = ..., tablename: _Optional[str] = ..., partname: _Optional[str] = ..., is_extended: _Optional[bool] = ..., txnid: _Optional[int] = ...) -> None: ...

class ShowLocksResponseElement(_message.Message):
    __slots__ = ("lockid", "dbname", "tablename", "partname", "state", "type", "txnid", "lastheartbeat", "acquiredat", "user", "hostname", "heartbeat_count", "agent_info", "blocked_by_ext_id", "blocked_by_int_id", "lock_id_internal")
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    DBNAME_FIELD_NUMBER: _ClassVar[int]
    TABLENAME_FIELD_NUMBER: _ClassVar[int]
    PARTNAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TXNID_FIELD_NUMBER: _ClassVar[int]
    LASTHEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    ACQUIREDAT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_COUNT_FIELD_NUMBER: _ClassVar[int]
    AGENT_INFO_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_BY_EXT_ID_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_BY_INT_ID_FIELD_NUMBER: _ClassVar[int]
    LOCK_ID_INTERNAL_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    dbname: str
    tablename: str
    partname: str
    state: LockState
    type: LockType
    txnid: int
    lastheartbeat: int
    acquiredat: int
    user: str
    hostname: str
    heartbeat_count: int
    agent_info: str
    blocked_by_ext_id: int
    blocked_by_int_id: int
    lock_id_internal: int
    def __init__(self, lockid: _Optional[int] = ..., dbname: _Optional[str] = ..., tablename: _Optional[str] = ..., partname: _Optional[str] = ..., state: _Optional[_Union[LockState, str]] = ..., type: _Optional[_Union[LockType, str]] = ..., txnid: _Optional[int] = ..., lastheartbeat: _Optional[int] = ..., acquiredat: _Optional[int] = ..., user: _Optional[str] = ..., hostname: _Optional[str] = ..., heartbeat_count: _Optional[int] = ..., agent_info: _Optional[str] = ..., blocked_by_ext_id: _Optional[int] = ..., blocked_by_int_id: _Optional[int] = ..., lock_id_internal: _Optional[int] = ...) -> None: ...

class ShowLocksResponse(_message.Message):
    __slots__ = ("locks",)
    LOCKS_FIELD_NUMBER: _ClassVar[int]
    locks: _containers.RepeatedCompositeFieldContainer[ShowLocksResponseElement]
    def __init__(self, locks: _Optional[_Iterable[_Union[ShowLocksResponseElement, _Mapping]]] = ...) -> None: ...

class HeartbeatRequest(_message.Message):
    __slots__ = ("lockid", "txnid")
    LOCKID_FIELD_NUMBER: _ClassVar[int]
    TXNID_FIELD_NUMBER: _ClassVar[int]
    lockid: int
    txnid: int
    def __init__(self, lockid: _Optional[int] = ..., txnid: _Optional[int] = ...) -> None: ...

class HeartbeatResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class HeartbeatTxnRangeRequest(_message.Message):
    __slots__ = ("min", "max")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    min: int
    max: int
    def __init__(self, min: _Optional[int] = ..., max: _Optional[int] = ...) -> None: ...

class HeartbeatTxnRangeResponse(_message.Message):
    __slots__ = ("aborteds", "nosuches")
    ABORTEDS_FIELD_NUMBER: _ClassVar[int]
    NOSUCHES_FIELD_NUMBER: _ClassVar[int]
    aborteds: _containers.RepeatedScalarFieldContainer[int]
    nosuches: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, aborteds: _Optional[_Iterable[int]] = ..., nosuches: _Optional[_Iterable[int]] = ...) -> None: ...
